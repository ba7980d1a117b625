import { RandomStreams } from '../engine/random.js';
import { Simulation } from '../engine/simulation.js';
import { CallStats } from '../metrics/call-stats.js';
import { ClusterLedger } from '../metrics/ledger/cluster-ledger.js';
import { OutcomeCounter } from '../metrics/outcome-counter.js';
import type { FailureCause, RunResult } from '../metrics/run-result.js';
import type { Scenario } from '../scenario/schema.js';
import {
  checkWorkLimits,
  eventBudgetFor,
  type WorkLimits,
  workLimitsWith,
} from '../scenario/work-limits.js';
import { ClientRetry } from './arrivals/client-retry.js';
import type { ClientLoop } from './arrivals/closed-loop.js';
import { Autoscalers, usesAutoscaling } from './autoscale/autoscalers.js';
import { autoscalingResult } from './autoscale/autoscaling-result.js';
import type { LifecycleListener } from './cluster/lifecycle-listener.js';
import { LiveCluster } from './cluster/live-cluster.js';
import { INITIAL_VERSION } from './cluster/pod-template.js';
import { fanOutListener } from './cluster/recording-listener.js';
import { scheduleScenarioEvents } from './cluster/scenario-events.js';
import { beyondNodesCost } from './cost/beyond-nodes.js';
import { fargateTasksInWindow, withTaskSizes } from './cost/fargate-tasks.js';
import { FunctionBilling } from './cost/function-billing.js';
import { BILLING_RULES, billNodes } from './cost/node-billing.js';
import { resolvePrices } from './cost/prices.js';
import { computeCost } from './cost.js';
import type { RolloutListener } from './deploy/rollout-record.js';
import { rolloutResults } from './deploy/rollout-results.js';
import { DistributionCache } from './distribution-cache.js';
import { FaultRun } from './faults/fault-run.js';
import { InjectedFaults } from './faults/injected-faults.js';
import { type LiveView, liveViews } from './live-view.js';
import { UtilizationWindow } from './measurement.js';
import { MeshProxies, meshHasProxies, type PlacedProxy } from './mesh/proxy/mesh-proxies.js';
import { proxyGroupMetrics } from './mesh/proxy/proxy-metrics.js';
import { anyCallerAppliesPolicies, policyOfCall } from './mesh/resilience/caller-policies.js';
import { cohortPicker } from './mesh/routing/cohorts.js';
import { MeshObserver } from './mesh/telemetry/mesh-observer.js';
import { hasMesh } from './mesh/telemetry/proxy-reports.js';
import { Network } from './network.js';
import { pipelinesFor, startPipelines } from './pipeline/start-pipelines.js';
import type { Pod } from './pod.js';
import { Request } from './request.js';
import { assembleResult } from './result.js';
import { EventSources, hasEventSources } from './serverless/events/event-sources.js';
import type { FunctionUsageSink } from './serverless/function-usage.js';
import { teeUsage } from './serverless/function-usage.js';
import { ServerlessRun } from './serverless/serverless-run.js';
import { Telemetry } from './telemetry.js';
import { buildTopology, type Topology } from './topology.js';
import { Traffic } from './traffic.js';
import { Transfers } from './transfers.js';
import { createArrivals, createEntryPicker } from './workload.js';

export interface SimulateOptions {
  /** Overrides the scenario's seed (sweeps derive one per run). */
  seed?: number;
  /**
   * Most events the run may process before it stops with an EventBudgetExceededError.
   * simulate()'s default: 4 × the run's estimated events + 1e6, as the CLI's.
   */
  eventBudget?: number;
  /**
   * The work limits simulate() checks the scenario against before anything is built, each
   * one not given at its default (docs/limits.md): `{ events: 1e10 }` lets a longer run start.
   */
  limits?: Partial<WorkLimits>;
  /**
   * Told every PROGRESS_EVERY_EVENTS events how far the run has got, for a progress display.
   * It observes only: the run and its result are the same with it or without it.
   */
  onProgress?: (progress: RunProgress) => void;
  /**
   * Told of every pod and node transition (src/model/cluster/lifecycle-listener.ts): the
   * initial cluster at t = 0, then each change the scenario's `events:` make.
   */
  lifecycleListener?: LifecycleListener;
  /**
   * Issue 13: told of every function invocation of the measured period, the provisioned
   * concurrency and the gateway requests (src/model/serverless/function-usage.ts): the
   * billing listens. It observes only.
   */
  functionUsage?: FunctionUsageSink;
  /**
   * Issue 14: told when each rollout of a Deployment ends (docs/deployments.md), as a
   * pipeline's deploy stage waits for it. It observes only.
   */
  rolloutListener?: RolloutListener;
}

/** How far a run has got, in simulated time; arrivals stop at duration, then the drain. */
export interface RunProgress {
  simulatedMs: number;
  durationMs: number;
  drainMs: number;
  events: number;
}

/** About a twentieth of a second of a run: often enough for a display, cheap to count. */
export const PROGRESS_EVERY_EVENTS = 65_536;

/**
 * Runs one scenario to completion: requests arrive during `duration`, then in-flight
 * requests get up to `drain` to end (the rest count as unfinished). Pure: no I/O, and the
 * same scenario and seed always give the same result.
 *
 * As `msasim run` does, it first estimates the run's work (work-estimate.ts) and throws a
 * WorkLimitError, before anything is built, if the estimate exceeds a limit (raise them with
 * `limits`); the run then gets the CLI's event budget. parseScenario accepts a scenario
 * whose run would outlast the universe (limits are not the schema's business): this is
 * where a library caller is kept from starting it.
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const estimate = checkWorkLimits(scenario, workLimitsWith(options.limits));
  const eventBudget = options.eventBudget ?? eventBudgetFor(estimate);
  return runSimulation(scenario, { ...options, eventBudget });
}

/**
 * simulate() without the check of the work limits, for callers that made it already (the
 * CLI, a sweep, where it names their options), or that must not make it twice.
 */
export function runSimulation(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const run = startSimulation(scenario, options);
  try {
    while (!run.advance(Number.POSITIVE_INFINITY)) {
      // advance(Infinity) pauses only where the run ends.
    }
    return run.result();
  } finally {
    run.dispose();
  }
}

/**
 * One run taken in steps, so that its caller can do something between them (the CLI
 * yields to Node's event loop, where Ctrl-C and SIGTERM are seen): a run is synchronous,
 * and nothing else happens in its thread while it advances. The steps change nothing: the
 * events are the same, in the same order, however the run is cut (tested).
 */
export interface SteppedRun {
  /**
   * Processes at most `events` more events (at least one), and none at or after simulated
   * time `untilMs` (default: no such bound), the clock then reading `untilMs`; true once the
   * run has ended. The interactive player (viz/) sets `untilMs` per animation frame.
   */
  advance(events: number, untilMs?: number): boolean;
  /** The simulated time in milliseconds: the last event's, or the `untilMs` a step paused at. */
  nowMs(): number;
  /**
   * What the run looks like now, for the player (viz/); reading it changes nothing.
   * `windows: false` leaves out the time series' new windows (cheaper, to look often).
   */
  live(options?: { windows: boolean }): LiveView;
  /** The run's result, once advance() has returned true. */
  result(): RunResult;
  /** Frees the run's histograms (WebAssembly memory), ended or not. Call it once. */
  dispose(): void;
}

/** A run ready to advance: everything built, the first events scheduled, none processed. */
export function startSimulation(scenario: Scenario, options: SimulateOptions = {}): SteppedRun {
  if (!(scenario.warmup < scenario.duration)) {
    throw new RangeError(
      `warmup (${scenario.warmup} ms) must be shorter than duration (${scenario.duration} ms)`,
    );
  }
  const seed = options.seed ?? scenario.seed;
  const sim = new Simulation({ eventBudget: options.eventBudget });
  const streams = new RandomStreams(seed);
  const distributions = new DistributionCache();
  // The CPUs hand finished bursts to the request path, which needs the topology first.
  let traffic: Traffic | undefined;
  const topology = buildTopology(scenario, streams, distributions, sim, (call) =>
    traffic!.cpuDone(call),
  );
  const ledger = new ClusterLedger({ startMs: scenario.warmup, endMs: scenario.duration });
  const { network: net } = scenario.cluster;
  const network = new Network(
    distributions.get(net.sameZone),
    distributions.get(net.crossZone),
    distributions.get(net.ingress),
  );
  const totals = new CallStats({ windowLatency: true, allLatency: true });
  const outcomes = new OutcomeCounter();
  let measuredArrived = 0;
  let inFlight = 0;
  let failedRequests = 0;

  const onRequestEnd = (request: Request, failure: FailureCause | undefined) => {
    inFlight--;
    if (failure !== undefined) failedRequests++;
    if (request.measured) {
      if (failure === undefined) outcomes.succeeded++;
      else outcomes.fail(failure);
      faultRun?.requestEnded(request.startedAt, failure === undefined);
    }
    request.client?.requestEnded();
  };
  const transfers = new Transfers();
  traffic = new Traffic(
    sim,
    network,
    totals,
    onRequestEnd,
    transfers,
    undefined,
    anyCallerAppliesPolicies(scenario) ? policyOfCall : undefined,
  );
  // Issue 14: faults injected into calls and invocations, only where the scenario has them.
  const injected = InjectedFaults.wanted(scenario)
    ? new InjectedFaults(sim, scenario, streams)
    : undefined;
  traffic.injected = injected;
  for (const service of topology.services.values())
    if (service.clients !== undefined)
      service.clients.resetStream = (attempt) => traffic.cutCall(attempt);
  // Issue 12, M1: a mesh with proxies puts them on every call's path; none: no object at all.
  const mesh = meshHasProxies(scenario)
    ? new MeshProxies(scenario, topology, sim, streams, distributions)
    : undefined;
  if (mesh !== undefined) traffic.useProxies(mesh.path);
  const meshObserver = hasMesh(scenario) ? new MeshObserver(scenario, streams) : undefined;
  traffic.observer = meshObserver;
  // Issue 13: only a scenario with functions builds them (and draws from their streams).
  // Issue 13: functions are billed as AWS bills Lambda (src/model/cost/function-billing.ts).
  const functionBilling =
    topology.functions.size === 0
      ? undefined
      : new FunctionBilling(resolvePrices(scenario.pricing).functions.initBilled);
  const serverless =
    topology.functions.size === 0
      ? undefined
      : new ServerlessRun({
          scenario,
          sim,
          streams,
          distributions,
          services: topology.functions,
          callees: [...topology.services.values(), ...topology.functions.values()],
          cpuDone: (attempt) => traffic.cpuDone(attempt),
          cut: (attempt) => traffic.cutCall(attempt, 'error'),
          usage: teeUsage(functionBilling, options.functionUsage),
          faults: injected,
        });

  // Issue 13: queues and asynchronous invocations, only where the scenario has them.
  const eventSources = hasEventSources(scenario)
    ? new EventSources({
        scenario,
        sim,
        streams,
        queueServices: topology.queues,
        functionServices: topology.functions,
        eventTarget: topology.eventTarget,
        startBackground: (request, target) => traffic.startBackground(request, target),
        cpuDone: (attempt) => traffic.cpuDone(attempt),
      })
    : undefined;

  const clientRetries: ClientRetry[] = [];
  for (const workload of scenario.workload) {
    const entries = Object.entries(workload.mix ?? { [workload.target!]: 1 }).map(
      ([ref, weight]) => {
        const dot = ref.indexOf('.');
        return { target: topology.entryTarget(ref.slice(0, dot), ref.slice(dot + 1)), weight };
      },
    );
    const pickEntry = createEntryPicker(
      entries,
      streams.stream(`workload:${workload.name}:mix`).next,
    );
    const cohortOf =
      workload.cohorts === undefined
        ? undefined
        : cohortPicker(workload.cohorts, streams.stream(`workload:${workload.name}:cohort`).next);
    const retry =
      workload.retry === undefined
        ? undefined
        : new ClientRetry(
            sim,
            workload.retry,
            streams.stream(`workload:${workload.name}:retry`).next,
            (next, previous) => traffic.sendRequest(next, previous.root!.target, workload.timeout),
          );
    if (retry !== undefined) clientRetries.push(retry);
    const startRequest = (client: ClientLoop | undefined) => {
      const measured = sim.now >= scenario.warmup;
      inFlight++;
      if (measured) measuredArrived++;
      const request = new Request(sim.now, measured, client);
      if (cohortOf !== undefined) request.cohort = cohortOf();
      request.retry = retry;
      traffic.startRequest(request, pickEntry(), workload.timeout);
    };
    for (const process of createArrivals(
      workload,
      sim,
      streams,
      distributions,
      scenario.duration,
      startRequest,
    )) {
      process.start();
    }
  }

  const pods = [...topology.services.values()].flatMap((s) => s.pods);
  // Issue 14: faults and the steady-state check, only where the scenario has them.
  let liveCluster: LiveCluster | undefined;
  const faultRun = hasFaultsOrSteadyState(scenario)
    ? new FaultRun(
        sim,
        scenario,
        streams,
        () => liveCluster!,
        () => topology.nodes,
        injected,
      )
    : undefined;
  // Issue 14: CI/CD pipelines, only where the scenario has them (docs/cicd.md).
  const pipelines = pipelinesFor(scenario, { sim, streams, distributions });
  const listener = fanOutListener(
    fanOutListener(ledger, faultRun?.listener),
    options.lifecycleListener,
  );
  const podBound = (pod: Pod) => {
    pods.push(pod);
    const proxy = mesh?.attach(pod);
    if (proxy !== undefined) ledger.sidecarAdded(pod, proxy, sim.now);
  };
  // A gone pod's containers leave their node's CPU scheduler (src/model/cpu/cfs-node-cpu.ts).
  const podGone = (pod: Pod) => {
    pod.cpu.retire?.();
    mesh?.detach(pod);
  };
  const autoscalers = usesAutoscaling(scenario) ? new Autoscalers(sim, scenario) : undefined;
  const live = {
    sim,
    topology,
    streams,
    distributions,
    traffic,
    podBound,
    podGone,
    listener,
    failedRequests: () => failedRequests,
    autoscalers,
  };
  liveCluster = startLiveCluster(scenario, options, live);
  if (liveCluster === undefined) reportInitialCluster(topology, ledger);
  else if (pipelines !== undefined) startPipelines(pipelines, liveCluster);
  if (mesh !== undefined) reportProxies(mesh.placed, ledger, 0);
  const utilization = new UtilizationWindow(pods);
  const telemetry = new Telemetry(
    sim,
    topology,
    totals,
    scenario.outputs.window,
    ledger.census,
    serverless === undefined ? undefined : (name) => serverless.instancesNow(name),
  );
  telemetry.start();
  const beginMeasuring = (now: number) => {
    utilization.begin(now);
    ledger.windowOpened(now);
    mesh?.windowOpened();
  };
  if (scenario.warmup > 0)
    sim.scheduleAt(scenario.warmup, () => beginMeasuring(sim.now), undefined, -1);
  else beginMeasuring(0);

  const checkpoint = eventCheckpoint(sim, scenario, options.onProgress);
  const allEnded = () =>
    inFlight === 0 &&
    traffic.callsInFlight === 0 &&
    (eventSources?.idle() ?? true) &&
    (pipelines?.runs.idle() ?? true);
  // Arrivals until duration; then, if requests or calls (of requests already ended) are
  // still in flight, the drain: the services' counts and the time series then include the
  // work of orphaned calls.
  let phase: 'arrivals' | 'drain' | 'ended' = 'arrivals';
  const advance = (events: number, untilMs = Number.POSITIVE_INFINITY): boolean => {
    const check = checkpoint.pauseAfter(events);
    while (phase !== 'ended') {
      if (phase === 'arrivals') {
        sim.run({ until: Math.min(scenario.duration, untilMs), stopWhen: check });
        if (checkpoint.paused() || untilMs < scenario.duration) return false;
        utilization.end(sim.now);
        ledger.windowClosed(sim.now);
        mesh?.windowClosed();
        phase = allEnded() ? 'ended' : 'drain';
      } else {
        const drainEnd = scenario.duration + scenario.drain;
        sim.run({
          until: Math.min(drainEnd, untilMs),
          stopWhen: check === undefined ? allEnded : () => check() || allEnded(),
        });
        // A run whose last event is also the step's last has ended, not paused.
        if ((checkpoint.paused() || untilMs < drainEnd) && !allEnded()) return false;
        phase = 'ended';
      }
    }
    return true;
  };

  let result: RunResult | undefined;
  const finish = (): RunResult => {
    if (phase !== 'ended')
      throw new Error('the run has not ended: advance() it until it returns true');
    if (result !== undefined) return result;
    telemetry.finish();
    outcomes.fail('unfinished', measuredArrived - outcomes.outcomes().total);
    const measured = outcomes.outcomes();
    // The functions' usage reaches their bill before the cost is computed from it.
    const functions = serverless?.result(sim.now);
    const podLedgers = withTaskSizes(ledger.podRows(), topology.fargateNodes);
    const nodeLedgers = billNodes(
      ledger.nodeRows(podLedgers),
      BILLING_RULES[scenario.cluster.provider],
      ledger.window,
    );
    result = assembleResult({
      scenario,
      seed,
      events: sim.eventsProcessed,
      topology,
      totals,
      outcomes: measured,
      utilization,
      proxies:
        mesh === undefined ? undefined : proxyGroupMetrics(mesh.placed, podLedgers, nodeLedgers),
      timeseries: telemetry.timeSeries,
      podSeries: telemetry.podSeries.changes,
      transfers,
      ledger: { pods: podLedgers, nodes: nodeLedgers },
      serviceLedgers: ledger.serviceLedgers(podLedgers),
      functionInstances:
        serverless === undefined ? undefined : (name) => serverless.instancesView(name),
      // Like every headline metric, cost covers the measured period [warmup, duration) and
      // the bytes of the requests that arrived in it: cost_usd_per_million is then exactly
      // cost_usd / requests_total × 1e6. The nodes' part is the sum of their bills.
      cost: computeCost(
        nodeLedgers,
        scenario.cluster.controlPlane.pricePerHour,
        scenario.duration - scenario.warmup,
        measured,
        { bytes: transfers.crossZoneBytes, prices: scenario.cluster.network.crossZonePricePerGB },
        beyondNodesCost(
          scenario,
          podLedgers,
          nodeLedgers,
          functionBilling,
          fargateTasksInWindow(topology.fargateNodes, podLedgers, ledger.window),
        ),
      ),
    });
    if (meshObserver !== undefined) result.mesh = meshObserver.result(sim.now);
    if (functions !== undefined) result.functions = functions;
    if (eventSources !== undefined) result.queues = eventSources.result(sim.now);
    if (liveCluster !== undefined && hasRollouts(scenario))
      result.rollouts = rolloutResults(liveCluster.rollouts());
    if (autoscalers !== undefined)
      result.autoscaling = autoscalingResult(autoscalers, result, scenario.outputs.window);
    if (faultRun !== undefined) result.faults = faultRun.result();
    if (pipelines !== undefined) result.pipelines = pipelines.runs.result();
    if (clientRetries.length > 0)
      result.clientRetries = clientRetries.reduce((sum, retry) => sum + retry.retries, 0);
    return result;
  };
  const dispose = () => {
    disposeStats(totals, topology);
    serverless?.dispose();
  };
  const view = liveViews({
    scenario,
    topology,
    totals,
    timeSeries: () => telemetry.timeSeries,
    functionLive: serverless === undefined ? undefined : (name) => serverless.live(name),
  });
  const liveView = (options = { windows: true }) =>
    view(sim.now, sim.eventsProcessed, phase === 'ended', options.windows);
  return { advance, nowMs: () => sim.now, live: liveView, result: finish, dispose };
}

/**
 * A cluster that can change (a scenario with `events:`) or that a caller listens to gets a
 * LiveCluster, which tells `listener` (the ledgers, and the caller's listener) every
 * transition (a scenario with `faults:` too); a static run gets none, its pods keep no calls, and the ledgers are told the
 * initial cluster alone (reportInitialCluster). Pods bound during the run join `pods`, which
 * the utilization window reads at its ends. Returns the one it started, if any.
 */
function startLiveCluster(
  scenario: Scenario,
  options: SimulateOptions,
  run: {
    sim: Simulation;
    topology: Topology;
    streams: RandomStreams;
    distributions: DistributionCache;
    traffic: Traffic;
    podBound: (pod: Pod) => void;
    podGone: (pod: Pod) => void;
    listener: LifecycleListener;
    failedRequests: () => number;
    autoscalers: Autoscalers | undefined;
  },
): LiveCluster | undefined {
  const events = scenario.events ?? [];
  const probed = hasReadinessProbes(scenario);
  // A cluster that changes keeps each pod's calls, to cut them at the end of a grace period.
  const changes =
    events.length > 0 ||
    run.autoscalers !== undefined ||
    (scenario.faults ?? []).length > 0 ||
    scenario.pipelines !== undefined;
  const listened = options.lifecycleListener !== undefined || options.rolloutListener !== undefined;
  if (!changes && !listened && !probed) return undefined;
  const { sim, topology, streams, distributions, traffic, podBound, podGone, autoscalers } = run;
  const listener = fanOutListener(run.listener, autoscalers);
  const cluster = new LiveCluster({
    sim,
    scenario,
    topology,
    streams,
    distributions,
    listener,
    cutCall: (attempt) => traffic.cutCall(attempt),
    admitProbe: (probe) => traffic.admitProbe(probe),
    dropProbe: (probe) => traffic.dropProbe(probe),
    podBound,
    podGone,
    failedRequests: run.failedRequests,
  });
  if (options.rolloutListener !== undefined) cluster.addRolloutListener(options.rolloutListener);
  cluster.start(changes);
  scheduleScenarioEvents(sim, events, cluster);
  autoscalers?.attach(cluster);
  return cluster;
}

function hasFaultsOrSteadyState(scenario: Scenario): boolean {
  return (scenario.faults ?? []).length > 0 || scenario.steadyState !== undefined;
}

/** Whether any pod, at the start or from a later template, has a readiness probe to run. */
function hasReadinessProbes(scenario: Scenario): boolean {
  const services = Object.values(scenario.services);
  if (services.some((s) => s.lifecycle?.readinessProbe !== undefined)) return true;
  return (scenario.events ?? []).some(
    (e) =>
      e.setTemplate?.lifecycle?.readinessProbe !== undefined ||
      e.rollout?.lifecycle?.readinessProbe !== undefined,
  );
}

/**
 * The cluster as the run starts, told to the ledgers: every node added at 0, every placed
 * pod created Ready at 0 (its first version) and bound to its
 * node, as a cluster already running when the measurement starts. Pods that fit on no node
 * have no pod object and are not reported: they are in `pods` as Pending.
 */
function reportInitialCluster(topology: Topology, listener: LifecycleListener): void {
  const nodeNamed = new Map(topology.nodes.map((node) => [node.name, node]));
  for (const [name, { node }] of topology.fargateNodes) nodeNamed.set(name, node);
  for (const node of topology.nodes) listener.nodeAdded(node, 0);
  for (const service of topology.services.values()) {
    for (const pod of service.pods) {
      listener.podCreated(pod, 'Ready', pod.versionName, 0);
      listener.podBound(pod, nodeNamed.get(pod.nodeName)!, 0);
    }
  }
}

/**
 * The mesh's proxy containers, told to the ledger (pods.csv rows named `<pod>/<container>`,
 * `ztunnel-<node>`, ...), so that their CPU and requests count on their nodes. A sidecar is
 * a container of its pod: it lives and goes with it and is no pod of its own on its node. A
 * ztunnel or waypoint is a pod: created Ready and bound at `nowMs`. The ingress gateway is
 * on no modelled node.
 */
function reportProxies(placed: readonly PlacedProxy[], ledger: ClusterLedger, nowMs: number): void {
  for (const { proxy, node, pod } of placed) {
    if (pod !== undefined) {
      ledger.sidecarAdded(pod, proxy, nowMs);
      continue;
    }
    ledger.podCreated(proxy, 'Ready', INITIAL_VERSION, nowMs);
    if (node !== undefined) ledger.podBound(proxy, node, nowMs);
  }
}

/**
 * The check after every event that a progress listener or a run in steps needs: one
 * closure that counts down to the next report and to the step's end. Neither wanted (a
 * sweep's run, a benchmark), there is no check, and the event loop calls nothing.
 */
function eventCheckpoint(
  sim: Simulation,
  scenario: Scenario,
  onProgress: ((progress: RunProgress) => void) | undefined,
) {
  let untilReport = PROGRESS_EVERY_EVENTS;
  let untilPause = Number.POSITIVE_INFINITY;
  let paused = false;
  const check = (): boolean => {
    if (onProgress !== undefined && --untilReport <= 0) {
      untilReport = PROGRESS_EVERY_EVENTS;
      onProgress({
        simulatedMs: sim.now,
        durationMs: scenario.duration,
        drainMs: scenario.drain,
        events: sim.eventsProcessed,
      });
    }
    if (--untilPause > 0) return false;
    paused = true;
    return true;
  };
  return {
    /** Starts a step of `events` events (Infinity: to the end); the stopWhen it needs. */
    pauseAfter(events: number): (() => boolean) | undefined {
      untilPause = Math.max(1, events);
      paused = false;
      return onProgress === undefined && untilPause === Number.POSITIVE_INFINITY
        ? undefined
        : check;
    },
    /** whether the step ended at its last event (the run itself may have ended there too) */
    paused: () => paused,
  };
}

/** Histograms live in WebAssembly memory: free them, or a long sweep in one worker leaks. */
function disposeStats(totals: CallStats, topology: Topology): void {
  totals.dispose();
  for (const service of [
    ...topology.services.values(),
    ...topology.functions.values(),
    ...topology.queues.values(),
  ]) {
    service.stats.dispose();
    service.workerWait.dispose();
    service.cpuWait.dispose();
    for (const stats of service.versionStats?.values() ?? []) stats.dispose();
    for (const endpoint of service.endpoints.values()) {
      endpoint.stats.dispose();
      endpoint.workerWait.dispose();
      endpoint.cpuWait.dispose();
    }
  }
  for (const edge of topology.edges.values()) edge.stats.dispose();
}

/** Issue 14: whether the scenario rolls a Deployment (only then has a run rollouts). */
/** Whether a Deployment may roll: `rollout` or `rollback` events, or pipelines' deploy stages. */
function hasRollouts(scenario: Scenario): boolean {
  if (scenario.pipelines !== undefined) return true;
  return (scenario.events ?? []).some((e) => e.rollout !== undefined || e.rollback !== undefined);
}
