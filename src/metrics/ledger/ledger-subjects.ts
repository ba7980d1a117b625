/**
 * What the ledgers read of a pod and a node: the model's Pod and ClusterNode have these
 * fields (metrics imports nothing from the model, so it names only what it needs).
 */
export interface LedgerPod {
  readonly name: string;
  readonly serviceName: string;
  /** its container's CPU request, in cores */
  readonly cpuRequest: number;
  /** cores (at full speed) it is using, over time: area in core-ms up to a time */
  readonly busyCores: { areaAt(nowMs: number): number };
}

export interface LedgerNode {
  readonly name: string;
  readonly pool: string;
  readonly zone: string;
  readonly pricePerHourUsd: number;
  readonly allocatableMilliCpu: number;
}
