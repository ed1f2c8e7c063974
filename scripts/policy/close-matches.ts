/** Up to `limit` candidates nearest to `wanted` (case-insensitive edit distance), nearest first. */
export function closeMatches(wanted: string, candidates: Iterable<string>, limit = 5): string[] {
  const target = wanted.toLowerCase();
  const tolerance = Math.max(2, Math.floor(target.length / 4));
  const scored = [...candidates]
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const contains = target.length >= 3 && lower.includes(target);
      return { candidate, distance: contains ? 1 : editDistance(target, lower) };
    })
    .filter((c) => c.distance <= tolerance)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  // A match differing only in case is the one meant.
  const exact = scored.filter((c) => c.distance === 0);
  return (exact.length > 0 ? exact : scored).slice(0, limit).map((c) => c.candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
