/**
 * Did-you-mean suggestions for names the scenario got wrong: fields, services, endpoints,
 * zones. A typo is usually one slip of the finger (a letter missed, doubled, swapped or
 * wrong), so the distance counts a swap of two neighbours as one edit, as people make it.
 */

/**
 * Damerau-Levenshtein distance in its optimal-string-alignment form: insertions, deletions,
 * substitutions and transpositions of adjacent characters each cost 1 (no substring is
 * edited twice, which is all a typo needs).
 */
export function editDistance(a: string, b: string): number {
  // rows[i][j] = distance between the first i characters of a and the first j of b.
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * Istio's and Envoy's names for fields msasim names otherwise (trafficPolicy's circuit
 * breaker takes Envoy's threshold names), so that a user copying a DestinationRule is told
 * ours: no typo distance reaches them.
 */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  http2MaxRequests: 'maxRequests',
  http1MaxPendingRequests: 'maxPendingRequests',
  maxRequestsPerConnection: 'maxRequests',
  connectionPool: 'circuitBreaker',
  consecutiveErrors: 'consecutive5xxErrors',
  consecutive_5xx: 'consecutive5xxErrors',
  // Lambda's own names (CloudFormation, SAM, the API) for our function fields.
  memorySize: 'memoryMb',
  MemorySize: 'memoryMb',
  memory: 'memoryMb',
  ephemeralStorage: 'ephemeralStorageMb',
  EphemeralStorage: 'ephemeralStorageMb',
  Architectures: 'architecture',
  architectures: 'architecture',
  ReservedConcurrentExecutions: 'reservedConcurrency',
  ProvisionedConcurrentExecutions: 'provisionedConcurrency',
  provisionedConcurrentExecutions: 'provisionedConcurrency',
  SnapStart: 'snapStart',
};

/**
 * Lambda's runtime identifiers (python3.12, nodejs20.x, java21, dotnet8, ruby3.3) name a
 * family and a version; msasim's runtimes are the families. provided.al2023 is the custom
 * runtime Go and Rust use.
 */
function runtimeFamily(word: string): string | undefined {
  if (/^provided(\.al2(023)?)?$/.test(word)) return 'go';
  return /^(nodejs|python|java|dotnet|ruby)\d[\d.]*(\.x)?$/.exec(word)?.[1];
}

/**
 * The candidate nearest to `word`, if it is near enough to be a plausible typo: within
 * max(2, a third of the word's length) edits, not a change of every letter, and nearer
 * than every other candidate.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const known = OTHER_NAMES[word] ?? runtimeFamily(word);
  if (known !== undefined && [...candidates].includes(known)) return known;
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const candidate of candidates) {
    // Case slips ("Replicas") count as edits, but a candidate equal but for case wins.
    const distance =
      candidate.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word, candidate);
    // Replacing every letter is not a typo: zone "d" is not a slip for zone "a".
    const plausible = distance < Math.max(word.length, candidate.length);
    if (!plausible || distance > limit || distance > bestDistance) continue;
    tied = distance === bestDistance;
    if (!tied) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Two equally near candidates: guessing one would mislead as often as help.
  return tied ? undefined : best;
}

/**
 * The end of a message about a name that is not among `candidates`:
 * `; did you mean "replicas"?` when one is near, else `; expected one of a, b, c`.
 */
export function suggestFor(
  word: string,
  candidates: readonly string[],
  listIntro = 'expected one of',
): string {
  return suggestionText(closestMatch(word, candidates), candidates, listIntro);
}

/** The same, when the caller already looked for the nearest candidate. */
export function suggestionText(
  nearest: string | undefined,
  candidates: readonly string[],
  listIntro = 'expected one of',
): string {
  if (nearest !== undefined) return `; did you mean "${nearest}"?`;
  if (candidates.length === 0) return '';
  return `; ${listIntro} ${candidates.join(', ')}`;
}
