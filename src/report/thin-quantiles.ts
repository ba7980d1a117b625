import { LATENCY_QUANTILES } from '../metrics/headline.js';
import { quantileSupported } from '../metrics/quantile-support.js';
import type { LatencySummary, RunResult } from '../metrics/run-result.js';

/**
 * The quantile columns of a run that rest on too few samples (quantile-support.ts), named
 * as in the CSVs: "latency_p999_ms", "services.payment.latency_p99_ms",
 * "endpoints.payment.charge.latency_p99_ms", "edges.checkout>payment.latency_p99_ms".
 * Researchers filter on this list rather than re-deriving the rule from counts.
 */
export function thinQuantiles(result: RunResult): string[] {
  const all = LATENCY_QUANTILES.map((q) => q.suffix);
  return [
    ...thin('latency', result.latency, all),
    ...thin('latency_all', result.latencyAll, all),
    ...result.services.flatMap((s) =>
      thin(`services.${s.service}.latency`, s.latency, ['p50', 'p99']),
    ),
    ...result.endpoints.flatMap((e) =>
      thin(`endpoints.${e.service}.${e.endpoint}.latency`, e.latency, ['p50', 'p99']),
    ),
    ...result.edges.flatMap((e) => thin(`edges.${e.from}>${e.to}.latency`, e.latency, ['p99'])),
  ];
}

/** The columns (`<prefix>_<suffix>_ms`) among `suffixes` whose samples are too few. */
function thin(prefix: string, latency: LatencySummary, suffixes: readonly string[]): string[] {
  if (latency.count === 0) return [];
  return LATENCY_QUANTILES.filter(
    ({ suffix, percentile }) =>
      suffixes.includes(suffix) && !quantileSupported(latency.count, percentile),
  ).map(({ suffix }) => `${prefix}_${suffix}_ms`);
}
