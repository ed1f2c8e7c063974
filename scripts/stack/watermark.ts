import { followWatermark, openPolicyStore, type Watermark } from '../../policy-store';

/** POLICY_SOURCE=db: the revocation watermark the departments enforce, followed in the policy store. */
export async function watermarkFromEnv(url: string): Promise<Watermark | null> {
  if (process.env.POLICY_SOURCE !== 'db') return null;
  const policyUrl = process.env.POLICY_DATABASE_URL ?? url;
  const store = await openPolicyStore({ url: policyUrl, maxConnections: 1 });
  const watermark = await followWatermark({
    store,
    url: policyUrl,
    leaseMs: Number(process.env.POLICY_LEASE_MS ?? 30_000),
    pollMs: Number(process.env.POLICY_POLL_MS ?? 1_000),
  });
  return { floor: watermark.floor, close: () => watermark.close().then(() => store.close()) };
}
