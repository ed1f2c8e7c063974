import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPKCS8 } from 'jose';
import { mintToken } from '../../gateway/identity';
import type { Workspace } from '../workspace';
import { CONFORMANCE_CONSUMER } from './open-policies';
import type { Credentials } from './targets';

const ISSUER = 'federation-conformance';
const AUDIENCE = 'federation-conformance';

/**
 * A token key pair of this run (the gateway verifies with its public half, as with any
 * production key source) and a token of the conformance consumer signed with it.
 */
export async function conformanceCredentials(
  workspace: Workspace,
  records: { url: string; streamId: string },
): Promise<Credentials> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const tokenPublicKeyFile = join(workspace.dir, 'token-public.pem');
  writeFileSync(tokenPublicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const token = await mintToken(
    { sub: 'conformance-run', kind: 'official', ...claimsOf(CONFORMANCE_CONSUMER) },
    {
      signingKey: { key: await importPKCS8(pkcs8, 'EdDSA'), alg: 'EdDSA' },
      issuer: ISSUER,
      audience: AUDIENCE,
    },
  );
  return {
    token,
    tokenPublicKeyFile,
    issuer: ISSUER,
    audience: AUDIENCE,
    contextPrivateKeyFile: workspace.contextPrivateKeyFile,
    recordsUrl: records.url,
    recordStreamId: records.streamId,
  };
}

function claimsOf(consumer: typeof CONFORMANCE_CONSUMER): { dept: string; role: string } {
  return { dept: consumer.department, role: consumer.role };
}
