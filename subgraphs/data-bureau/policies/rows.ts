import type { Caller } from '../../kit';

/**
 * Per request: the row policy of the governance types (Grant, Purpose, FieldClassification,
 * Reader). They are read from files, not tables, so no column can hold a row condition: only
 * a rule without conditions opens them. No rule for the type, or only rules with conditions,
 * reads nothing (fail closed), as a department's loaders do for an unmapped column.
 */
export function governanceRows(caller: Caller) {
  const opened = new Map<string, boolean>();
  const opens = (type: string): boolean => {
    let open = opened.get(type);
    if (open === undefined) {
      // With no columns every condition is FALSE: only an unconditional rule leaves TRUE.
      open = /^\(*TRUE\)*$/.test(caller.rowFilter(type, {}, []));
      opened.set(type, open);
    }
    return open;
  };
  return {
    /** `rows` when the caller's rules open `type`, nothing otherwise. */
    visible<T>(type: string, rows: readonly T[]): readonly T[] {
      return opens(type) ? rows : [];
    },
  };
}
