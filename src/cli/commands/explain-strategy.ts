import {
  type AnalysisConfig,
  type BlueGreenConfig,
  type CanaryConfig,
  type CanaryStep,
  DEFAULT_CONSECUTIVE_ERROR_LIMIT,
} from '../../scenario/argo-rollout-schema.js';
import {
  DEFAULT_PROGRESS_DEADLINE_SECONDS,
  DEFAULT_ROLLING_UPDATE,
  type DeploymentStrategyConfig,
} from '../../scenario/deployment-schema.js';
import { formatDuration } from '../../scenario/index.js';

/**
 * How `name`'s pods are replaced when it rolls, in the words of the strategy it names
 * (docs/deployments.md): a Deployment's RollingUpdate or Recreate, or an Argo Rollout's
 * canary or blueGreen. The first line names the service; the details of an Argo Rollout
 * follow on lines of their own, indented, as one sentence would be too long to read.
 */
export function strategyText(
  name: string,
  strategy: DeploymentStrategyConfig | undefined,
): string[] {
  if (strategy?.canary !== undefined) return canaryText(name, strategy.canary);
  if (strategy?.blueGreen !== undefined) return blueGreenText(name, strategy.blueGreen);
  if (strategy?.type === 'Recreate') return [`${name}: Recreate (every old pod goes first)`];
  const { maxSurge, maxUnavailable } = strategy?.rollingUpdate ?? DEFAULT_ROLLING_UPDATE;
  const deadline = strategy?.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS;
  return [
    `${name}: RollingUpdate, maxSurge ${maxSurge}, maxUnavailable ${maxUnavailable}, progress deadline ${deadline} s`,
  ];
}

/*
 * An Argo Rollout's lines, for a canary through the mesh with a background analysis:
 *   api: Argo Rollouts canary, steps setWeight 5% -> pause 30s -> setWeight 50% -> pause until promoted
 *     trafficRouting mesh: the weight is the mesh's split; the stable keeps every pod
 *     background analysis from step 0: error-rate: errorRate <= 1% every 10s, failureLimit 1
 *     scaleDownDelaySeconds 30, abortScaleDownDelaySeconds 30
 */

function canaryText(name: string, canary: CanaryConfig): string[] {
  const steps =
    canary.steps.length === 0
      ? 'no steps: straight to 100%'
      : `steps ${canary.steps.map(stepText).join(' -> ')}`;
  const background = canary.analysis;
  return [
    `${name}: Argo Rollouts canary, ${steps}`,
    ...detail(
      canary.trafficRouting === 'mesh'
        ? "trafficRouting mesh: the weight is the mesh's split; the stable keeps every pod"
        : `no trafficRouting: the weight is approximated by replica counts, within maxSurge ${canary.maxSurge}, maxUnavailable ${canary.maxUnavailable}`,
      background === undefined
        ? undefined
        : `background analysis from step ${background.startingStep ?? 0}: ${analysisText(background)}`,
      // Both delays act only on a traffic-routed canary (Argo: a basic canary scales as it rolls).
      canary.trafficRouting === 'mesh'
        ? `scaleDownDelaySeconds ${canary.scaleDownDelaySeconds}, abortScaleDownDelaySeconds ${canary.abortScaleDownDelaySeconds}`
        : undefined,
    ),
  ];
}

function stepText(step: CanaryStep): string {
  if (step.setWeight !== undefined) return `setWeight ${step.setWeight}%`;
  if (step.pause !== undefined)
    return step.pause.duration === undefined
      ? 'pause until promoted'
      : `pause ${formatDuration(step.pause.duration)}`;
  return `analysis (${analysisText(step.analysis!)})`;
}

function blueGreenText(name: string, blueGreen: BlueGreenConfig): string[] {
  const promotion = !blueGreen.autoPromotionEnabled
    ? 'autoPromotionEnabled false: green waits for a promote event'
    : blueGreen.autoPromotionSeconds === undefined
      ? 'autoPromotionEnabled: all traffic switches to green once it is ready'
      : `autoPromotionSeconds ${blueGreen.autoPromotionSeconds}: all traffic switches to green that long after it is ready`;
  const preview =
    blueGreen.previewReplicaCount === undefined
      ? 'green starts with every replica'
      : `previewReplicaCount ${blueGreen.previewReplicaCount}`;
  const analysis = (field: string, config: AnalysisConfig | undefined) =>
    config === undefined ? undefined : `${field}: ${analysisText(config)}`;
  return [
    `${name}: Argo Rollouts blueGreen, ${preview}; ${promotion}`,
    ...detail(
      analysis('prePromotionAnalysis', blueGreen.prePromotionAnalysis),
      analysis('postPromotionAnalysis', blueGreen.postPromotionAnalysis),
      `scaleDownDelaySeconds ${blueGreen.scaleDownDelaySeconds}, abortScaleDownDelaySeconds ${blueGreen.abortScaleDownDelaySeconds}`,
    ),
  ];
}

/** `error-rate: errorRate <= 1% every 10s, failureLimit 1; latency: ...` */
function analysisText(analysis: AnalysisConfig): string {
  return analysis.metrics
    .map((m) => {
      const count = m.count === undefined ? '' : `, count ${m.count}`;
      const errors =
        m.consecutiveErrorLimit === DEFAULT_CONSECUTIVE_ERROR_LIMIT
          ? ''
          : `, consecutiveErrorLimit ${m.consecutiveErrorLimit}`;
      return `${m.name}: ${m.successCondition} every ${formatDuration(m.interval)}, failureLimit ${m.failureLimit}${count}${errors}`;
    })
    .join('; ');
}

/** The lines given, one level deeper than the service's. */
function detail(...lines: (string | undefined)[]): string[] {
  return lines.filter((line) => line !== undefined).map((line) => `  ${line}`);
}
