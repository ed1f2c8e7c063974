import { keptPositions, type PositionalStyle } from './mask-keeps';
import type { MaskStyle } from './types';

const HIDDEN = '***';
const STREET_LEVEL = ['街道', '镇', '乡'];

/**
 * Shows a value in a masking style. Lists are masked item by item; null and undefined stay
 * as they are. For every style but NONE the result is never the value itself (short of the
 * value being '***' already): anything a style cannot mask safely (a wrong type, a value too
 * short to keep a part of) is hidden.
 */
export function maskValue(style: MaskStyle, value: unknown): unknown {
  if (value === null || value === undefined || style === 'NONE') return value;
  if (Array.isArray(value)) return value.map((item) => maskValue(style, item));
  const masked = maskScalar(style, value);
  return masked === value ? HIDDEN : masked;
}

function maskScalar(style: Exclude<MaskStyle, 'NONE'>, value: unknown): string | null {
  switch (style) {
    case 'REDACT':
      return typeof value === 'string' ? HIDDEN : null;
    case 'AMOUNT':
      return amountBand(value);
    case 'NAME':
    case 'ID_NUMBER':
    case 'MOBILE':
    case 'ACCOUNT':
      return ifText(value, (chars) => keep(style, chars));
    case 'DATE':
      return ifText(value, (chars) => {
        const year = /^(\d{4})-\d{2}/.exec(chars.join(''));
        return year ? `${year[1]}-**-**` : HIDDEN;
      });
    case 'ADDRESS':
      return ifText(value, address);
    default: {
      const unknown: never = style;
      throw new Error(`Unknown mask style ${String(unknown)}.`);
    }
  }
}

function ifText(value: unknown, mask: (chars: string[]) => string): string {
  return typeof value === 'string' ? mask(Array.from(value)) : HIDDEN;
}

/** Keeps what the style keeps (mask-keeps.ts); hides everything when less than a third would be hidden. */
function keep(style: PositionalStyle, chars: string[]): string {
  const kept = new Set(keptPositions(style, chars.length));
  if (chars.length === 0) return '*';
  return chars.map((char, i) => (kept.has(i) ? char : '*')).join('');
}

/** Keeps the address down to the street level (街道, 镇 or 乡); otherwise its first 9 characters (half, when short). */
function address(chars: string[]): string {
  const text = chars.join('');
  const streetEnd = Math.min(
    ...STREET_LEVEL.map((mark) =>
      text.includes(mark) ? text.indexOf(mark) + mark.length : Infinity,
    ),
  );
  // An address that is nothing below the street still must not come back whole.
  if (streetEnd < text.length) return text.slice(0, streetEnd) + HIDDEN;
  return chars.slice(0, Math.min(9, Math.floor(chars.length / 2))).join('') + HIDDEN;
}

/** 12345 → '10000-20000': the band of the amount's leading digit; below 10 → '0-10'. */
function amountBand(value: unknown): string {
  const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return HIDDEN;
  if (amount < 0) return '<0';
  if (amount < 10) return '0-10';
  const width = 10 ** Math.floor(Math.log10(amount));
  const lower = Math.floor(amount / width) * width;
  return `${lower}-${lower + width}`;
}
