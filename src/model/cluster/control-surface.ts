import type { RoutingConfig } from '../../scenario/routing-schema.js';
import type { ScenarioEvent } from '../../scenario/schema.js';
import type { RolloutListener } from '../deploy/rollout-record.js';
import type { LoadBalancerPolicy } from '../load-balancer.js';

/** A new pod template: a version with its own endpoints' CPU and errors, resources, lifecycle. */
export type TemplateChange = NonNullable<ScenarioEvent['setTemplate']>;

/**
 * What may change a running cluster (docs/lifecycle.md): a scenario's timed `events:` list
 * drives it today; a deployment controller, autoscalers and faults will. Each call acts at
 * the simulated time it is made; the pods and nodes it touches then go through their phases
 * as events, reported to the run's LifecycleListener.
 */
export interface ControlSurface {
  /** Sets a service's replicas: new pods start Pending; extra ones are deleted as the ReplicaSet controller picks them. */
  scale(service: string, replicas: number, version?: string): void;
  /** Pods created from now on run this version; running pods keep theirs. */
  setTemplate(service: string, change: TemplateChange): void;
  /** `count` nodes of the pool join after `provisioningDelayMs`. */
  addNodes(pool: string, count: number, provisioningDelayMs: number): void;
  /** The pool's `count` newest nodes are drained (their pods evicted gracefully), then go. */
  removeNodes(pool: string, count: number): void;
  /** Deletes a pod gracefully (preStop, grace period); its ReplicaSet replaces it. False if no such live pod. */
  deletePod(name: string): boolean;
  /** Kills a pod at once: its work is cut with a reset; its ReplicaSet replaces it. */
  crashPod(name: string): boolean;
  /** Changes a service's load-balancing policy from now on. */
  setLoadBalancer(service: string, policy: LoadBalancerPolicy): void;
  /** M3: a service's routing from now on, as each caller's proxy receives it (the control plane's push). */
  setRouting(service: string, routing: RoutingConfig): void;
  /** A pod fails this share of the calls it serves from now on (0 mends it). False if no such live pod. */
  breakPod(name: string, errorRate: number): boolean;
  /**
   * Issue 14: a new revision of the service's Deployment (kubectl set image): a new
   * ReplicaSet of this template replaces the pods by the service's strategy (docs/deployments.md).
   */
  rollout(service: string, change: TemplateChange): void;
  /** Issue 14: kubectl rollout undo: back to the previous revision, by the strategy. */
  rollback(service: string): void;
  /** Issue 14: told when each rollout ends (complete, failed-deadline, rolled-back, superseded). */
  addRolloutListener(listener: RolloutListener): void;
  /**
   * The cluster autoscaler's scale-down of one node (docs/autoscaling.md): cordoned and
   * drained (its pods evicted gracefully and replaced elsewhere), then deleted. False if no
   * such schedulable node.
   */
  drainNode(name: string): boolean;
  /**
   * The pod's container exits (a crash): the kubelet restarts it in the same pod after its
   * CrashLoopBackOff back-off (docs/faults.md); the pod is out of the endpoints meanwhile.
   * False if its container does not run (or no such pod).
   */
  restartContainer(name: string): boolean;
  /**
   * The node stops: its containers and their work are lost; NotReady after the node
   * controller's grace period, its pods evicted 300 s later and replaced elsewhere
   * (docs/faults.md). The number of pods it ran; undefined if no such node is up.
   */
  failNode(name: string): number | undefined;
  /** The failed node is back: its pods' containers start again, deleted ones go. */
  restoreNode(name: string): boolean;
  /**
   * Issue 14: kubectl argo rollouts promote: an Argo Rollout's indefinite pause (or a pause
   * after an Inconclusive analysis) ends (docs/deployments.md). Nothing if none waits.
   */
  promoteRollout(service: string): void;
  /** Issue 14: kubectl argo rollouts abort: traffic back to stable, the new revision scaled down. */
  abortRollout(service: string): void;
}

/** A provisioning delay when an event gives none (docs/lifecycle.md: EKS managed node groups, Karpenter). */
export const DEFAULT_PROVISIONING_DELAY_MS = 60_000;
