import type { ServiceAutoscaling } from '../../scenario/autoscaling-schema.js';
import type { ManagedPod } from '../cluster/managed-pod.js';
import type { AutoscalingDecision } from './decisions.js';
import { HpaHistory, withDefaults } from './hpa-normalize.js';
import type { MetricsServer } from './metrics-server.js';
import type { PodConditionsListener } from './pod-conditions.js';
import {
  type CalculatorSettings,
  type HpaPod,
  type MetricProposal,
  podsAverageValueReplicas,
  resourceUtilizationReplicas,
} from './replica-calculator.js';

/** What the HPA reads of the cluster and the one thing it changes (ControlSurface.scale). */
export interface HpaTarget {
  readonly service: string;
  replicas(): number;
  pods(): readonly ManagedPod[];
  scale(replicas: number): void;
}

/**
 * One HorizontalPodAutoscaler: reconcileAutoscaler of kubernetes/kubernetes
 * pkg/controller/podautoscaler/horizontal.go at each sync. Out-of-range replicas are brought
 * back to minReplicas or maxReplicas; otherwise each metric proposes replicas
 * (replica_calculator.go), the highest wins (computeReplicasForMetrics), and the proposal is
 * normalized by the behavior (hpa-normalize.ts). No metric: no change ("FailedGetResourceMetric").
 */
export class HpaController {
  private readonly history: HpaHistory;

  constructor(
    private readonly spec: ServiceAutoscaling,
    private readonly target: HpaTarget,
    private readonly metrics: MetricsServer,
    private readonly conditions: PodConditionsListener,
    private readonly settings: CalculatorSettings,
  ) {
    this.history = new HpaHistory(withDefaults(spec.behavior));
    this.history.assumeRecommended(0, target.replicas());
  }

  sync(nowMs: number): AutoscalingDecision {
    const { spec, target } = this;
    const current = target.replicas();
    const row = (fields: Partial<AutoscalingDecision>): AutoscalingDecision => ({
      timeMs: nowMs,
      controller: 'hpa',
      target: target.service,
      metric: undefined,
      observed: undefined,
      current,
      desired: current,
      stabilized: undefined,
      replicas: current,
      reason: 'DesiredWithinRange',
      ...fields,
    });
    if (current === 0) return row({ reason: 'ScalingDisabled' });
    if (current > spec.maxReplicas || current < spec.minReplicas) {
      const replicas = current > spec.maxReplicas ? spec.maxReplicas : spec.minReplicas;
      this.apply(nowMs, current, replicas);
      return row({ desired: replicas, replicas, reason: 'OutOfRange' });
    }
    const proposal = this.proposal(nowMs, current);
    if (proposal === undefined) return row({ reason: 'FailedGetMetrics' });
    const normalized = this.history.normalize(
      nowMs,
      current,
      proposal.replicas,
      spec.minReplicas,
      spec.maxReplicas,
    );
    this.apply(nowMs, current, normalized.replicas);
    return row({
      metric: proposal.metric,
      observed: proposal.observed,
      desired: proposal.replicas,
      stabilized: normalized.stabilized,
      replicas: normalized.replicas,
      reason: normalized.limitedBy,
    });
  }

  private apply(nowMs: number, current: number, replicas: number): void {
    if (replicas === current) return;
    this.target.scale(replicas);
    this.history.recordScale(nowMs, current, replicas);
  }

  /**
   * computeReplicasForMetrics: the highest proposal and the metric that made it; with a
   * metric that has no value, no proposal when it is the only one or when the others would
   * scale down.
   */
  private proposal(
    nowMs: number,
    current: number,
  ): (MetricProposal & { metric: string }) | undefined {
    const pods = this.target.pods();
    let best: (MetricProposal & { metric: string }) | undefined;
    let invalid = 0;
    for (const metric of this.spec.metrics) {
      const proposal =
        metric.type === 'Resource'
          ? resourceUtilizationReplicas(
              this.hpaPods(pods, 'cpu'),
              current,
              metric.resource.target.averageUtilization,
              nowMs,
              this.settings,
            )
          : podsAverageValueReplicas(
              this.hpaPods(pods, 'rate'),
              current,
              Math.round(metric.pods.target.averageValue * 1000),
              nowMs,
              this.settings,
            );
      if (proposal === undefined) invalid++;
      else if (best === undefined || proposal.replicas > best.replicas)
        best =
          metric.type === 'Resource'
            ? { ...proposal, metric: 'cpu' }
            : // the value in requests per second, as the target is written
              { ...proposal, metric: metric.pods.metric.name, observed: perSecond(proposal) };
    }
    if (best === undefined || (invalid > 0 && best.replicas < current)) return undefined;
    return best;
  }

  private hpaPods(pods: readonly ManagedPod[], metric: 'cpu' | 'rate'): HpaPod[] {
    return pods.map((m) => {
      const status = this.conditions.of(m.pod);
      const running = m.running && status !== undefined;
      return {
        name: m.pod.name,
        phase: running ? 'Running' : 'Pending',
        ready: status?.ready ?? false,
        startMs: status?.startMs ?? nowUnknown,
        readyTransitionMs: status?.readyTransitionMs ?? nowUnknown,
        requestMilli: Math.round(m.template.cpuRequest * 1000),
        metric: !running
          ? undefined
          : metric === 'cpu'
            ? this.metrics.cpuOf(m.pod)
            : this.metrics.requestRateOf(m.pod),
      };
    });
  }
}

function perSecond(proposal: MetricProposal): number | undefined {
  return proposal.observed === undefined ? undefined : proposal.observed / 1000;
}

/** A pod not yet bound has no start: it is Pending, and the HPA ignores it. */
const nowUnknown = 0;
