import type { Consumer } from '../../policies';
import { describeConsumer } from '../../policies/tooling';
import type { FieldDecision } from './field-decisions';
import { count, table } from './format';
import type { QuotaState } from './quota';
import { grantRowLines, type GrantRows } from './rows';

/** What `explain` found, as --json prints it. */
export interface Explanation {
  consumer: Pick<Consumer, 'kind' | 'department' | 'role' | 'jurisdiction' | 'application'>;
  purpose: string;
  /** The purpose's name in the catalogue; null when it is not catalogued. */
  purposeName: string | null;
  operation: string | null;
  introspection: boolean;
  fields: FieldDecision[];
  /** The row conditions of the grants that open the fields read. */
  rows: GrantRows[];
  /** The daily quotas of the grants that open the fields read (with what is used, when Redis answered). */
  quotas?: QuotaState[];
}

/** What the output says about a consumer: never its account or person id. */
export function shownConsumer(consumer: Consumer): Explanation['consumer'] {
  const { kind, department, role, jurisdiction, application } = consumer;
  return { kind, department, role, jurisdiction, application };
}

/** The explanation as an aligned table with a header and a summary. */
export function explanationReport(explanation: Explanation): string {
  const { consumer, purpose, purposeName, fields } = explanation;
  const who = describeConsumer({ ...consumer, id: '', personId: null });
  return [
    `${who}${consumer.jurisdiction ? ` in ${consumer.jurisdiction}` : ''}, purpose ${purpose}${purposeName ? ` (${purposeName})` : ' (not in the purpose catalogue)'}, operation ${explanation.operation ?? '(anonymous)'}`,
    '',
    table(
      ['PATH', 'FIELD', 'DECISION', 'GRANT / RULE', 'REASON'],
      fields.map((f) => [f.path, f.coordinate, shownEffect(f), shownGrant(f), f.reason]),
    ),
    '',
    ...summary(explanation),
    ...rowsNote(explanation.rows.flatMap(grantRowLines)),
    '',
  ].join('\n');
}

function shownEffect(field: FieldDecision): string {
  return field.effect === 'masked' ? `masked (${field.mask})` : field.effect;
}

function shownGrant(field: FieldDecision): string {
  if (field.grantId) return field.grantId;
  return field.effect === 'denied' ? '-' : 'UNCONDITIONAL';
}

function summary({ fields, introspection }: Explanation): string[] {
  const by = (effect: FieldDecision['effect']) => fields.filter((f) => f.effect === effect).length;
  const denied = by('denied');
  const lines = [
    `${count(fields.length, 'field')}: ${by('allowed')} allowed, ${by('masked')} masked, ${denied} denied.`,
  ];
  if (denied > 0) {
    lines.push(
      'The gateway refuses this operation (reject mode), or answers the denied fields with null and an error each (filter mode).',
    );
  }
  if (introspection) {
    lines.push(
      'It also reads __schema or __type: the answer describes only the fields open to this consumer under this purpose, and must be sent as an operation of its own.',
    );
  }
  return lines;
}

function rowsNote(lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  return [
    'Rows: the departments serving these fields return only the rows the grants allow:',
    ...lines.map((line) => `  ${line}`),
  ];
}
