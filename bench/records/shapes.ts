import { randomUUID } from 'node:crypto';
import type { AccessRecord } from '../../records';
import { WITHHELD_REASON } from '../../records';

/** The operations whose records the cost measurement drives (bench/operations.ts (a) and (d)). */
export type RecordShape = 'enterprise' | 'masked';

/**
 * The record a gateway writes for one request of `shape`, as captured from a real gateway run
 * (startFederation, the bench's queries, read back from the records table on 2026-11-30):
 * the enterprise lookup reads no personal field; the masked lookup names one person.
 */
export function shapedRecord(shape: RecordShape, n: number): AccessRecord {
  const common = {
    time: new Date().toISOString(),
    requestId: randomUUID(),
    caseNumber: null,
    outcome: 'served' as const,
    durationMs: 3 + (n % 20),
    delayedUntil: null,
    clientAddress: '127.0.0.1',
    reason: null,
    traceId: null,
    policyRevision: 0,
    documentId: null,
  };
  if (shape === 'enterprise') {
    return {
      ...common,
      consumer: official('demo-inspector', 'market-regulation', 'inspector'),
      purpose: 'market-supervision',
      operation: {
        name: 'Enterprise',
        hash: '66e311731ef0aa3dd0b1f161ebc27bca2a11e02d33866033b289c31f677898fa',
      },
      fields: ['Query.enterprise', 'Enterprise.uscc', 'Enterprise.name', 'Enterprise.status'].map(
        (coordinate) => ({
          coordinate,
          pi: 'NONE' as const,
          effect: 'allow' as const,
          grant: null,
        }),
      ),
      departments: ['market-regulation'],
      subjects: [],
    };
  }
  const grant = 'public-security-caseworker-persons';
  return {
    ...common,
    consumer: official('demo-caseworker', 'civil-affairs', 'caseworker'),
    purpose: 'social-assistance-eligibility',
    operation: {
      name: 'MaskedPerson',
      hash: '3588278b8661bc0b72c67b6d12d3bdaeee9f35e82b861fc85523c0b8731f5e5e',
    },
    fields: [
      { coordinate: 'Query.person', pi: 'NONE', effect: 'allow', grant },
      { coordinate: 'Person.name', pi: 'PERSONAL', effect: 'allow', grant },
      { coordinate: 'Person.idNumber', pi: 'SENSITIVE', effect: 'mask', grant },
    ],
    departments: ['public-security'],
    subjects: [`P${(n * 7919).toString(36).toUpperCase().padStart(8, '0').slice(-8)}`],
  };
}

/** The compensation the gateway's plugin passes with a personal served record. */
export function compensationOf(shape: RecordShape, record: AccessRecord): AccessRecord | undefined {
  return shape === 'masked' ? { ...record, outcome: 'failed', reason: WITHHELD_REASON } : undefined;
}

function official(id: string, department: string, role: string) {
  return { kind: 'official' as const, id, department, role, application: null };
}
