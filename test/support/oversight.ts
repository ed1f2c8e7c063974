import type { Federation } from './federation';
import { as } from './security';

/**
 * A caseworker of 武侯区 under the account `sub` asks `times` times for medical records its
 * grants do not open: each is refused and recorded (the probing rule's pattern).
 */
export async function probe(federation: Federation, sub: string, times: number): Promise<void> {
  const headers = await as(
    { sub, kind: 'official', dept: 'civil-affairs', role: 'caseworker', jurisdiction: '510107' },
    'social-assistance-eligibility',
  );
  for (let i = 0; i < times; i++) {
    const denied = await federation.query(
      'query Probe { person(id: "PCYGN28R6") { medicalRecords { diagnosis } } }',
      {},
      headers,
    );
    if (denied.errors?.[0]?.extensions?.code !== 'FORBIDDEN')
      throw new Error(`A probe was not refused: ${JSON.stringify(denied.errors ?? denied.data)}`);
  }
}
