import { ALL_HEADLINE_METRIC_NAMES } from '../metrics/headline.js';

/**
 * Names users type for metrics (thresholds, table columns) must be headline metric names;
 * a typo gets the closest name back rather than a list to scan.
 */
export function unknownMetricMessage(
  name: string,
  known: readonly string[] = ALL_HEADLINE_METRIC_NAMES,
): string {
  const suggestion = closestName(name, known);
  return suggestion === undefined
    ? `unknown metric "${name}"; expected one of ${known.join(', ')}`
    : `unknown metric "${name}"; did you mean "${suggestion}"?`;
}

/** The known name within a third of the name's length in edits (at least 2), if any. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}
