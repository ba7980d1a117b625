import { ratio } from '../metrics/ratio.js';
import type { CpuUse } from '../metrics/run-result.js';
import type { Pod } from './pod.js';

/**
 * CPU use of some pods under each named definition (see CpuUse), from the cores each used.
 * One function serves the run's figures and the time series', so the two cannot disagree.
 *
 * Worked example: two pods requesting 500m each, limited to 1 core each, using 0.3 and 0.9
 * cores: coresUsed 1.2, requestUtilization 1.2 / 1.0 = 1.2 (120%, what the HPA reads),
 * limitUtilization 1.2 / 2 = 0.6.
 */
export function cpuUseOf(pods: readonly Pod[], coresUsedBy: (pod: Pod) => number): CpuUse {
  let coresUsed = 0;
  let requested = 0;
  let limits = 0;
  let everyPodLimited = pods.length > 0;
  for (const pod of pods) {
    coresUsed += coresUsedBy(pod);
    requested += pod.cpuRequest;
    if (pod.cpuLimit === undefined) everyPodLimited = false;
    else limits += pod.cpuLimit;
  }
  return {
    coresUsed,
    requestUtilization: ratio(coresUsed, requested),
    limitUtilization: everyPodLimited ? ratio(coresUsed, limits) : null,
  };
}
