import { maskValue, type Classification, type MaskStyle, type PolicyAbility } from '../../policies';

// A synthetic value per style, masked live so the example never drifts from the masking.
const SAMPLES: Record<Exclude<MaskStyle, 'NONE'>, unknown> = {
  NAME: '张三丰',
  ID_NUMBER: '510104199001011234',
  MOBILE: '13812345678',
  ADDRESS: '成都市武侯区浆洗街街道洗面桥街1号',
  ACCOUNT: '6222021234567890123',
  DATE: '1990-01-01',
  AMOUNT: 12345,
  REDACT: '示例',
};

/**
 * What the consumer's schema says about one field beyond its own description: masked (in
 * which style, with an example), which rows they may read, or, for a field shown but not
 * open to them (the developer's view), why not. Empty when the field is simply readable.
 */
export function fieldNotes(
  ability: PolicyAbility,
  classification: Classification,
  type: string,
  field: string,
): string[] {
  const decision = ability.decide(type, field);
  switch (decision.effect) {
    case 'deny':
      return [`Not open to you under purpose '${ability.purpose}': ${decision.reason}`];
    case 'mask': {
      const style = classification.get(`${type}.${field}`)?.mask ?? 'REDACT';
      const example = style === 'NONE' ? '' : ` (e.g. ${String(maskValue(style, SAMPLES[style]))})`;
      return [
        `Masked for you: ${style}${example}.`,
        ...rowNote(ability, 'read:masked', type, field),
      ];
    }
    case 'allow':
      return rowNote(ability, 'read', type, field);
    default: {
      const unknown: never = decision.effect;
      throw new Error(`Unknown effect ${String(unknown)}`);
    }
  }
}

/** 'Rows: districtCode = 510107' when every rule opening the field limits its rows. */
function rowNote(
  ability: PolicyAbility,
  action: 'read' | 'read:masked',
  type: string,
  field: string,
): string[] {
  const rules = ability.casl.rulesFor(action, type, field).filter((r) => !r.inverted);
  if (rules.length === 0 || rules.some((r) => !r.conditions)) return [];
  const alternatives = rules.map((r) =>
    describeConditions(r.conditions as Record<string, unknown>),
  );
  return [`Rows: ${[...new Set(alternatives)].join(' or ')}.`];
}

function describeConditions(conditions: Record<string, unknown>): string {
  return Object.entries(conditions)
    .map(([name, value]) => {
      const list = (value as { $in?: unknown[] } | null)?.$in;
      return Array.isArray(list) ? `${name} in [${list.join(', ')}]` : `${name} = ${String(value)}`;
    })
    .join(' and ');
}
