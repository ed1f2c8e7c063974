import { isExpired, loadPolicies, type FieldLabel } from '../../policies';
import {
  describeGrantConsumer,
  unownedReason,
  whoCanRead,
  type Reader,
} from '../../policies/tooling';
import { parseCommandArgs } from './args';
import { closeMatches } from './close-matches';
import { failed, ok, UsageError, type Command } from './command';
import { count, table } from './format';
import { loadGraph, SOURCE_OPTIONS, SOURCE_USAGE } from './graph';
import { shownRows } from './rows';

const USAGE = `Usage: npm run policy -- who-can <Type.field> [options]

Lists every consumer and purpose that can read a field, in full or masked, with the row
conditions, the grant and its expiry (expired grants included, marked), and the field's
classification: sharing class, personal-information level, masking style, owner.

Options:
  --json               machine-readable output
${SOURCE_USAGE}
  -h, --help           this text

Example:
  npm run policy -- who-can Person.idNumber`;

const SHARING_ZH = { UNCONDITIONAL: '无条件共享', CONDITIONAL: '有条件共享', NONE: '不予共享' };
const PI_ZH = { NONE: '非个人信息', PERSONAL: '个人信息', SENSITIVE: '敏感个人信息' };

/** `policy who-can`: the auditor's question, who could read this field and under which rule. */
export const whoCanCommand: Command = {
  name: 'who-can',
  summary: 'list every consumer and purpose that can read a field, and under which grant',
  usage: USAGE,
  async run(args, env) {
    const { values, positionals } = parseCommandArgs(
      args,
      { ...SOURCE_OPTIONS, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      { allowed: 1, what: 'one field coordinate, Type.field' },
    );
    if (values.help) return ok(`${USAGE}\n`);
    const coordinate = positionals[0];
    if (!coordinate)
      throw new UsageError('Name the field: who-can <Type.field>, e.g. Person.idNumber.');
    const graph = loadGraph(values.supergraph);
    const label = graph.classification.get(coordinate);
    if (!label) return failed(unknownCoordinate(coordinate, [...graph.classification.keys()]));
    const policies = loadPolicies(values.policies);
    const readers = whoCanRead(policies, graph.classification, coordinate).map((reader) => ({
      ...reader,
      expired: reader.expires !== null && isExpired(reader.expires, env.now),
    }));
    if (values.json) return ok(`${JSON.stringify({ coordinate, label, readers }, null, 2)}\n`);
    const type = coordinate.slice(0, coordinate.indexOf('.'));
    return ok(
      [
        describeLabel(coordinate, label),
        '',
        readers.length === 0
          ? nobody(coordinate, label)
          : table(
              ['CONSUMER', 'PURPOSES', 'ACCESS', 'ROWS', 'GRANT', 'EXPIRES'],
              readers.map((r) => [
                shownConsumer(r),
                r.purposes.includes('*') ? 'any' : r.purposes.join(', '),
                r.effect === 'masked' ? `masked (${label.mask})` : 'full',
                shownRows(type, r.conditions),
                r.grantId ?? 'UNCONDITIONAL (no grant needed)',
                r.expires === null ? '-' : `${r.expires}${r.expired ? ' (expired)' : ''}`,
              ]),
            ),
        '',
        summary(coordinate, readers),
        '',
      ].join('\n'),
    );
  },
};

function describeLabel(coordinate: string, label: FieldLabel): string {
  return [
    coordinate,
    `  sharing class  ${label.sharing} (${SHARING_ZH[label.sharing]})`,
    `  personal info  ${label.pi} (${PI_ZH[label.pi]})`,
    `  mask           ${label.mask}`,
    `  owner          ${label.owner ?? '(none: the supergraph names no subgraph that resolves it)'}`,
  ].join('\n');
}

function shownConsumer(reader: Reader): string {
  return 'anyone' in reader.consumer
    ? 'anyone, signed in or not'
    : describeGrantConsumer(reader.consumer);
}

function nobody(coordinate: string, label: FieldLabel): string {
  if (label.owner === null) return unownedReason(coordinate);
  return label.sharing === 'NONE'
    ? `No grant opens ${coordinate}: it is NONE (不予共享), and only a grant by ${label.owner} to its own officials could.`
    : `No grant opens ${coordinate}: nobody can read it until ${label.owner} writes a grant.`;
}

function summary(coordinate: string, readers: readonly (Reader & { expired: boolean })[]): string {
  const grants = readers.filter((r) => r.grantId !== null);
  const expired = grants.filter((r) => r.expired).length;
  const masked = grants.filter((r) => r.effect === 'masked').length;
  const opened =
    grants.length === 0
      ? `No grant opens ${coordinate}.`
      : `${count(grants.length, 'grant opens', 'grants open')} ${coordinate} (${grants.length - masked} in full, ${masked} masked${expired > 0 ? `, ${expired} expired` : ''}).`;
  const anyone = readers.length > grants.length;
  return anyone
    ? `${opened} None is needed: it is UNCONDITIONAL, every consumer may read it.`
    : opened;
}

function unknownCoordinate(coordinate: string, known: readonly string[]): string {
  const [type, field] = coordinate.split('.');
  const fieldsOfType = known.filter((c) => c.startsWith(`${type}.`));
  const matches = closeMatches(coordinate, known);
  const why =
    field === undefined && fieldsOfType.length > 0
      ? `${type} is a type; name one of its fields: ${fieldsOfType.join(', ')}.`
      : `${coordinate} is not a field of the graph${matches.length > 0 ? `; did you mean ${matches.join(', ')}?` : '; write it as Type.field, e.g. Person.idNumber.'}`;
  return why;
}
