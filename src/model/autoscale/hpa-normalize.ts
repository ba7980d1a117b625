/**
 * From the metrics' proposal to the replicas the HPA sets, as kubernetes/kubernetes
 * pkg/controller/podautoscaler/horizontal.go does it: with a `behavior`,
 * normalizeDesiredReplicasWithBehaviors (stabilizeRecommendationWithBehaviors, then
 * convertDesiredReplicasWithBehaviorRate with the scale events of each policy's period);
 * without one, normalizeDesiredReplicas (a 300 s downscale stabilization and a scale-up limit
 * of max(2 × current, 4) per sync: convertDesiredReplicasWithRules). The autoscaling/v2 API
 * fills a given `behavior`'s missing fields with the defaults (SetDefaults_HorizontalPodAutoscalerBehavior)
 * but leaves an absent one absent, so both paths exist in Kubernetes and here.
 */

export interface ScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  readonly value: number;
  readonly periodSeconds: number;
}

export interface ScalingRules {
  readonly stabilizationWindowSeconds: number;
  readonly selectPolicy: 'Max' | 'Min' | 'Disabled';
  readonly policies: readonly ScalingPolicy[];
}

export interface Behavior {
  readonly scaleUp: ScalingRules;
  readonly scaleDown: ScalingRules;
}

/** GenerateHPAScaleUpRules' defaults: no stabilization; max(100 %, 4 pods) per 15 s. */
export const DEFAULT_SCALE_UP: ScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};

/** GenerateHPAScaleDownRules' defaults: 100 % per 15 s; the window is the controller's 300 s. */
export const DEFAULT_SCALE_DOWN: ScalingRules = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

/** --horizontal-pod-autoscaler-downscale-stabilization, the window without a behavior */
export const DOWNSCALE_STABILIZATION_MS = 300_000;

/** Why the replicas are what they are: the HPA's ScalingLimited condition reasons. */
export type LimitReason =
  | 'DesiredWithinRange'
  | 'ScaleUpLimit'
  | 'ScaleDownLimit'
  | 'TooManyReplicas'
  | 'TooFewReplicas';

export interface Normalized {
  readonly replicas: number;
  /** the recommendation after the stabilization window, before the rate limits */
  readonly stabilized: number;
  readonly limitedBy: LimitReason;
}

interface Timestamped {
  readonly atMs: number;
  readonly value: number;
}

/**
 * One HPA's memory across syncs: its recommendations (the stabilization window's history)
 * and the scale events its policies' periods count.
 */
export class HpaHistory {
  private recommendations: Timestamped[] = [];
  private scaleUps: Timestamped[] = [];
  private scaleDowns: Timestamped[] = [];

  constructor(private readonly behavior: Behavior | undefined) {}

  normalize(
    nowMs: number,
    currentReplicas: number,
    desired: number,
    minReplicas: number,
    maxReplicas: number,
  ): Normalized {
    if (this.behavior === undefined) {
      const stabilized = this.stabilizeLegacy(nowMs, desired);
      return { ...withRules(currentReplicas, stabilized, minReplicas, maxReplicas), stabilized };
    }
    const stabilized = this.stabilizeWithBehavior(nowMs, currentReplicas, desired);
    return {
      ...this.withBehaviorRate(nowMs, currentReplicas, stabilized, minReplicas, maxReplicas),
      stabilized,
    };
  }

  /**
   * A recommendation made before the run: the cluster at t = 0 is already running at these
   * replicas, as if its HPA had recommended them (so a scale-down right at the start waits
   * for the stabilization window, as it would in a cluster that had been running).
   */
  assumeRecommended(atMs: number, replicas: number): void {
    this.recommendations.push({ atMs, value: replicas });
  }

  /** storeScaleEvent: a change the HPA made, for its policies' periods. */
  recordScale(nowMs: number, from: number, to: number): void {
    if (this.behavior === undefined) return;
    const longest = (rules: ScalingRules) =>
      Math.max(0, ...rules.policies.map((p) => p.periodSeconds)) * 1000;
    if (to > from) {
      this.scaleUps = this.scaleUps.filter((e) => e.atMs > nowMs - longest(this.behavior!.scaleUp));
      this.scaleUps.push({ atMs: nowMs, value: to - from });
    } else if (to < from) {
      const cutoff = nowMs - longest(this.behavior.scaleDown);
      this.scaleDowns = this.scaleDowns.filter((e) => e.atMs > cutoff);
      this.scaleDowns.push({ atMs: nowMs, value: from - to });
    }
  }

  /** stabilizeRecommendation: the highest recommendation not older than the window. */
  private stabilizeLegacy(nowMs: number, desired: number): number {
    const cutoff = nowMs - DOWNSCALE_STABILIZATION_MS;
    this.recommendations = this.recommendations.filter((r) => !(r.atMs < cutoff));
    let highest = desired;
    for (const r of this.recommendations) highest = Math.max(highest, r.value);
    this.recommendations.push({ atMs: nowMs, value: desired });
    return highest;
  }

  /**
   * stabilizeRecommendationWithBehaviors: the current replicas brought up to the lowest
   * recommendation of the scale-up window and down to the highest of the scale-down window
   * (each window holding the recommendations strictly after its cutoff, and this one).
   */
  private stabilizeWithBehavior(nowMs: number, current: number, desired: number): number {
    const { scaleUp, scaleDown } = this.behavior!;
    const upCutoff = nowMs - scaleUp.stabilizationWindowSeconds * 1000;
    const downCutoff = nowMs - scaleDown.stabilizationWindowSeconds * 1000;
    let up = desired;
    let down = desired;
    for (const r of this.recommendations) {
      if (r.atMs > upCutoff) up = Math.min(up, r.value);
      if (r.atMs > downCutoff) down = Math.max(down, r.value);
    }
    this.recommendations = this.recommendations.filter(
      (r) => !(r.atMs < upCutoff && r.atMs < downCutoff),
    );
    this.recommendations.push({ atMs: nowMs, value: desired });
    return Math.min(Math.max(current, up), down);
  }

  /** convertDesiredReplicasWithBehaviorRate */
  private withBehaviorRate(
    nowMs: number,
    current: number,
    desired: number,
    minReplicas: number,
    maxReplicas: number,
  ): { replicas: number; limitedBy: LimitReason } {
    const { scaleUp, scaleDown } = this.behavior!;
    if (desired > current) {
      const limit = Math.max(current, this.scaleUpLimit(nowMs, current, scaleUp));
      const [allowed, reason]: [number, LimitReason] =
        maxReplicas > limit ? [limit, 'ScaleUpLimit'] : [maxReplicas, 'TooManyReplicas'];
      if (desired > allowed) return { replicas: allowed, limitedBy: reason };
    } else if (desired < current) {
      const limit = Math.min(current, this.scaleDownLimit(nowMs, current, scaleDown));
      const [allowed, reason]: [number, LimitReason] =
        minReplicas < limit ? [limit, 'ScaleDownLimit'] : [minReplicas, 'TooFewReplicas'];
      if (desired < allowed) return { replicas: allowed, limitedBy: reason };
    }
    return { replicas: desired, limitedBy: 'DesiredWithinRange' };
  }

  /** calculateScaleUpLimitWithScalingRules */
  private scaleUpLimit(nowMs: number, current: number, rules: ScalingRules): number {
    if (rules.selectPolicy === 'Disabled') return current;
    const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
    let result = rules.selectPolicy === 'Min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    for (const policy of rules.policies) {
      const start = this.periodStartReplicas(nowMs, current, policy.periodSeconds);
      const proposed =
        policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
      result = pick(result, proposed);
    }
    return result;
  }

  /** calculateScaleDownLimitWithBehaviors: Percent rounds down (int32 conversion). */
  private scaleDownLimit(nowMs: number, current: number, rules: ScalingRules): number {
    if (rules.selectPolicy === 'Disabled') return current;
    const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
    let result = rules.selectPolicy === 'Min' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    for (const policy of rules.policies) {
      const start = this.periodStartReplicas(nowMs, current, policy.periodSeconds);
      const proposed =
        policy.type === 'Pods'
          ? start - policy.value
          : Math.trunc(start * (1 - policy.value / 100));
      result = pick(result, proposed);
    }
    return result;
  }

  /** current − added + deleted within the period (getReplicasChangePerPeriod: strictly after its cutoff) */
  private periodStartReplicas(nowMs: number, current: number, periodSeconds: number): number {
    const cutoff = nowMs - periodSeconds * 1000;
    const within = (events: Timestamped[]) =>
      events.reduce((sum, e) => (e.atMs > cutoff ? sum + e.value : sum), 0);
    return current - within(this.scaleUps) + within(this.scaleDowns);
  }
}

/** convertDesiredReplicasWithRules: scale-up at most to max(2 × current, 4) per sync. */
function withRules(
  current: number,
  desired: number,
  minReplicas: number,
  maxReplicas: number,
): { replicas: number; limitedBy: LimitReason } {
  const scaleUpLimit = Math.trunc(Math.max(2 * current, 4));
  const [allowed, reason]: [number, LimitReason] =
    maxReplicas > scaleUpLimit ? [scaleUpLimit, 'ScaleUpLimit'] : [maxReplicas, 'TooManyReplicas'];
  if (desired < minReplicas) return { replicas: minReplicas, limitedBy: 'TooFewReplicas' };
  if (desired > allowed) return { replicas: allowed, limitedBy: reason };
  return { replicas: desired, limitedBy: 'DesiredWithinRange' };
}

/** A behavior's rules with Kubernetes's defaults for what is not given. */
export function withDefaults(
  given: Partial<Record<'scaleUp' | 'scaleDown', Partial<ScalingRules>>> | undefined,
): Behavior | undefined {
  if (given === undefined) return undefined;
  const fill = (rules: Partial<ScalingRules> | undefined, base: ScalingRules): ScalingRules => ({
    stabilizationWindowSeconds:
      rules?.stabilizationWindowSeconds ?? base.stabilizationWindowSeconds,
    selectPolicy: rules?.selectPolicy ?? base.selectPolicy,
    policies: rules?.policies ?? base.policies,
  });
  return {
    scaleUp: fill(given.scaleUp, DEFAULT_SCALE_UP),
    scaleDown: fill(given.scaleDown, DEFAULT_SCALE_DOWN),
  };
}
