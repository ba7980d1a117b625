import type { Problem } from './errors.js';
import type { Scenario } from './schema.js';

/**
 * A blue/green prePromotionAnalysis judges green before any user meets it, on the traffic
 * sent to the preview Service: in a real cluster, smoke tests or a tester. Nothing in a
 * scenario calls the preview, so, as Argo Rollouts does when a metric query returns no data,
 * every measurement errors and the Rollout aborts after consecutiveErrorLimit + 1 of them:
 * legal, and what Argo would do, but almost surely not what the author meant.
 */
export function previewAnalysisWarnings(scenario: Scenario): Problem[] {
  return Object.entries(scenario.services).flatMap(([name, service]) =>
    service.strategy?.blueGreen?.prePromotionAnalysis === undefined
      ? []
      : [
          {
            path: ['services', name, 'strategy', 'blueGreen', 'prePromotionAnalysis'],
            message:
              'nothing in the scenario calls the preview Service, so this analysis finds no data and aborts every rollout of the service; use postPromotionAnalysis to judge green on real traffic',
          },
        ],
  );
}
