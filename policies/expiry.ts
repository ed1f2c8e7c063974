const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant a grant stops applying: the end of its `expires` day in China Standard Time
 * (UTC+8). NaN when `expires` is not an ISO date; Infinity when the grant has no expiry.
 */
export function expiryInstant(expires: string | undefined): number {
  if (expires === undefined) return Infinity;
  if (!ISO_DATE.test(expires)) return NaN;
  const start = Date.parse(`${expires}T00:00:00+08:00`);
  // Date.parse accepts 2026-02-30 and rolls it over; a real date round-trips.
  const roundTrip = new Date(start + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return roundTrip === expires ? start + DAY_MS : NaN;
}

/** Whether a grant with this `expires` no longer applies at `now` (a malformed date counts as expired). */
export function isExpired(expires: string | undefined, now: Date): boolean {
  const end = expiryInstant(expires);
  return Number.isNaN(end) || now.getTime() >= end;
}
