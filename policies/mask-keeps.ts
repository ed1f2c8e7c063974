import type { MaskStyle } from './types';

/** What a positional masking style keeps: `head` leading and `tail` trailing characters. */
export interface Kept {
  readonly head: number;
  readonly tail: number;
}

/**
 * The positional masking styles and what each keeps. The mask (mask.ts) and the linkage
 * lint (linkage.ts) both read this table, so the lint judges exactly what is shown.
 * Audit before changing: `npm run policy -- lint` recounts the candidates each keeps.
 */
export const KEPT = {
  /** The surname: 张**. */
  NAME: { head: 1, tail: 0 },
  /** The province and the check character: 51***************4. */
  ID_NUMBER: { head: 2, tail: 1 },
  /** The last 4 digits (尾号): *******5678. */
  MOBILE: { head: 0, tail: 4 },
  /** The last 4 characters: ***************0123. */
  ACCOUNT: { head: 0, tail: 4 },
} as const satisfies Partial<Record<MaskStyle, Kept>>;

/** A style that keeps leading and trailing characters. */
export type PositionalStyle = keyof typeof KEPT;

/** Whether a style keeps characters by position. */
export function isPositional(style: MaskStyle): style is PositionalStyle {
  return style in KEPT;
}

/** The character positions a style keeps of a value `length` characters long. */
export function keptPositions(style: PositionalStyle, length: number): number[] {
  const { head, tail } = KEPT[style];
  if (length - head - tail < Math.max(1, Math.ceil(length / 3))) return [];
  return Array.from({ length }, (_, i) => i).filter((i) => i < head || i >= length - tail);
}
