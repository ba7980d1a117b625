import type { ControlSurface, TemplateChange } from '../cluster/control-surface.js';
import type { RolloutListener, RolloutOutcome } from '../deploy/rollout-record.js';

/**
 * The seam between a pipeline's deploy stage and the cluster (docs/cicd.md): start rolling
 * `change.version` out on `service`, and be told how and when the rollout ended.
 */
export interface RolloutStarter {
  start(
    service: string,
    change: TemplateChange,
    onFinished: (atMs: number, outcome: RolloutOutcome) => void,
  ): void;
}

/**
 * A deploy stage's rollout is the Deployment's (docs/deployments.md): `kubectl set image`,
 * then the service's strategy (RollingUpdate 25%/25% by default) replaces its pods, and the
 * stage ends when the controller says the rollout did (complete, superseded by a newer one,
 * or past its progress deadline). A service's rollouts end in the order they started (a
 * newer one supersedes the one going), so each service's waiting stages form a queue; a
 * pipeline's service takes no `rollout` or `rollback` events (pipeline-checks.ts), which
 * would end rollouts no stage waits for.
 */
export class DeploymentRollout implements RolloutStarter, RolloutListener {
  /** per service, the rollouts going in the order they started, each with the stages waiting */
  private readonly waiting = new Map<string, Finished[][]>();
  surface: ControlSurface | undefined;

  start(
    service: string,
    change: TemplateChange,
    onFinished: (atMs: number, outcome: RolloutOutcome) => void,
  ): void {
    const queue = this.waiting.get(service) ?? [];
    queue.push([onFinished]);
    this.waiting.set(service, queue);
    this.surface!.rollout(service, change);
  }

  rolloutFinished(service: string, _revision: number, outcome: RolloutOutcome, timeMs: number) {
    const queue = this.waiting.get(service);
    const ended = queue?.shift();
    if (queue === undefined || ended === undefined) return;
    // A superseded rollout's change goes live with the newer one: its stages wait for that.
    if (outcome === 'superseded' && queue.length > 0) {
      queue[0]!.push(
        ...ended.map(
          (done): Finished =>
            (atMs) =>
              done(atMs, 'superseded'),
        ),
      );
      return;
    }
    for (const done of ended) done(timeMs, outcome);
  }
}

type Finished = (atMs: number, outcome: RolloutOutcome) => void;
