import type { FieldLabel, PolicySet } from '../../../policies';
import { describeGrantConsumer, splitCoordinate, whoCanRead } from '../../../policies/tooling';
import { governance } from './deployment';
import {
  accessName,
  consumerRow,
  rowConditionRows,
  type AccessName,
  type ConsumerRow,
  type RowConditionRow,
} from './shapes';

/** FieldClassification as the graph shows it (its readers are looked up when asked). */
export interface FieldRow {
  coordinate: string;
  type: string;
  field: string;
  sharingClass: FieldLabel['sharing'];
  personalInfo: FieldLabel['pi'];
  mask: FieldLabel['mask'];
  owner: FieldLabel['owner'];
}

/** Reader as the graph shows it (`expired` is decided when asked). */
export interface ReaderRow {
  consumer: ConsumerRow | null;
  description: string;
  purposes: readonly string[];
  access: AccessName;
  rows: RowConditionRow[];
  grantId: string | null;
  expires: string | null;
}

const fields: readonly FieldRow[] = [...governance.classification].map(([coordinate, label]) => {
  const [type, field] = splitCoordinate(coordinate);
  return {
    coordinate,
    type,
    field,
    sharingClass: label.sharing,
    personalInfo: label.pi,
    mask: label.mask,
    owner: label.owner,
  };
});

/** The object types of the graph, for argument messages. */
export const fieldTypes: ReadonlySet<string> = new Set(fields.map((f) => f.type));

/** Every field of the graph in supergraph order, optionally of one type. */
export function listFields(type: string | null): readonly FieldRow[] {
  return type === null ? fields : fields.filter((f) => f.type === type);
}

// Derived from one policy set (the files, or a live revision), so shared by every request;
// computed on first use (the whole catalogue costs tens of milliseconds).
const readersBySet = new WeakMap<PolicySet, Map<string, readonly ReaderRow[]>>();

/** Who can read a field under `policies`, as `npm run policy -- who-can` answers. */
export function readersOf(policies: PolicySet, field: FieldRow): readonly ReaderRow[] {
  let readers = readersBySet.get(policies);
  if (!readers) readersBySet.set(policies, (readers = new Map()));
  let found = readers.get(field.coordinate);
  if (!found) {
    found = readerRows(policies, field);
    readers.set(field.coordinate, found);
  }
  return found;
}

/** Who can read a field under a given policy set (a revision's). */
export function readerRows(policies: PolicySet, field: FieldRow): ReaderRow[] {
  return whoCanRead(policies, governance.classification, field.coordinate).map((reader) => ({
    consumer: 'anyone' in reader.consumer ? null : consumerRow(reader.consumer),
    description: 'anyone' in reader.consumer ? 'anyone' : describeGrantConsumer(reader.consumer),
    purposes: reader.purposes,
    access: accessName(reader.effect),
    rows: reader.conditions ? rowConditionRows(field.type, reader.conditions) : [],
    grantId: reader.grantId,
    expires: reader.expires,
  }));
}
