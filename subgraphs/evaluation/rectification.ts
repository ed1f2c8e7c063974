import { REFERENCE_DATE } from '../../fixtures/city';

/**
 * "Today" for overdue rectifications: the synthetic city's reference date, not the wall
 * clock, so the same seeded city gives the same answers on every run.
 */
export const OVERDUE_REFERENCE_DATE: string = REFERENCE_DATE;

export interface Rectification {
  dueBy: string;
  rectifiedAt: string | null;
  overdue: boolean;
}

/** The rectification of a poor rating (null for the others): overdue when not done by dueBy. */
export function rectificationOf(row: {
  dueBy: string | null;
  rectifiedAt: string | null;
}): Rectification | null {
  if (row.dueBy === null) return null;
  return {
    dueBy: row.dueBy,
    rectifiedAt: row.rectifiedAt,
    overdue: row.rectifiedAt === null && row.dueBy < OVERDUE_REFERENCE_DATE,
  };
}
