import type { Access, GrantConsumer, RowConditions } from '../../../policies';

/** GrantConsumer as the graph shows it. */
export interface ConsumerRow {
  department: string | null;
  role: string | null;
  application: string | null;
  citizen: boolean;
}

/** RowCondition as the graph shows it: placeholders as written, literals as text. */
export interface RowConditionRow {
  type: string;
  field: string;
  value: string | null;
  anyOf: string[] | null;
}

export type AccessName = 'FULL' | 'MASKED';

export function consumerRow(consumer: GrantConsumer): ConsumerRow {
  return 'citizen' in consumer
    ? { department: null, role: null, application: null, citizen: true }
    : {
        department: consumer.department,
        role: consumer.role,
        application: consumer.application ?? null,
        citizen: false,
      };
}

export function rowConditionRows(type: string, conditions: RowConditions): RowConditionRow[] {
  return Object.entries(conditions).map(([field, value]) =>
    typeof value === 'object'
      ? { type, field, value: null, anyOf: value.$in.map(String) }
      : { type, field, value: String(value), anyOf: null },
  );
}

export function accessName(access: Access): AccessName {
  return access === 'full' ? 'FULL' : 'MASKED';
}
