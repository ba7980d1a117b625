/**
 * Where simulated time 0 sits on the Unix clock in files that need absolute times
 * (metrics.prom, traces.otlp.json): 2025-01-01T00:00:00Z. A fixed instant, so the same run
 * writes the same bytes; recent enough that Prometheus and tracing back ends accept it.
 */
export const SIMULATED_EPOCH_MS = 1_735_689_600_000;

/** Unix time in nanoseconds, as OTLP's fixed64 fields are written in JSON: a decimal string. */
export function unixNanos(simulatedMs: number): string {
  const nanos = BigInt(Math.round(simulatedMs * 1e6));
  return (BigInt(SIMULATED_EPOCH_MS) * 1_000_000n + nanos).toString();
}

/** Unix time in whole milliseconds, as the Prometheus text format's timestamps are. */
export function unixMillis(simulatedMs: number): number {
  return SIMULATED_EPOCH_MS + Math.round(simulatedMs);
}
