import { RandomStreams } from '../engine/random.js';
import { Simulation } from '../engine/simulation.js';
import { CallStats } from '../metrics/call-stats.js';
import { OutcomeCounter } from '../metrics/outcome-counter.js';
import type { FailureCause, RunResult } from '../metrics/run-result.js';
import type { Scenario } from '../scenario/schema.js';
import type { ClientLoop } from './arrivals/closed-loop.js';
import { computeCost } from './cost.js';
import { DistributionCache } from './distribution-cache.js';
import { UtilizationWindow } from './measurement.js';
import { Network } from './network.js';
import { Request } from './request.js';
import { assembleResult } from './result.js';
import { Telemetry } from './telemetry.js';
import { buildTopology, type Topology } from './topology.js';
import { Traffic } from './traffic.js';
import { Transfers } from './transfers.js';
import { createArrivals, createEntryPicker } from './workload.js';

export interface SimulateOptions {
  /** Overrides the scenario's seed (sweeps derive one per run). */
  seed?: number;
  /** Most events the run may process before it stops with an error. */
  eventBudget?: number;
  /**
   * Told every PROGRESS_EVERY_EVENTS events how far the run has got, for a progress display.
   * It observes only: the run and its result are the same with it or without it.
   */
  onProgress?: (progress: RunProgress) => void;
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
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  if (!(scenario.warmup < scenario.duration)) {
    throw new RangeError(
      `warmup (${scenario.warmup} ms) must be shorter than duration (${scenario.duration} ms)`,
    );
  }
  const seed = options.seed ?? scenario.seed;
  const sim = new Simulation({ eventBudget: options.eventBudget });
  const streams = new RandomStreams(seed);
  const distributions = new DistributionCache();
  const topology = buildTopology(scenario, streams, distributions);
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

  const onRequestEnd = (request: Request, failure: FailureCause | undefined) => {
    inFlight--;
    if (request.measured) {
      if (failure === undefined) outcomes.succeeded++;
      else outcomes.fail(failure);
    }
    request.client?.requestEnded();
  };
  const transfers = new Transfers();
  const traffic = new Traffic(sim, network, totals, onRequestEnd, transfers);

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
    const startRequest = (client: ClientLoop | undefined) => {
      const measured = sim.now >= scenario.warmup;
      inFlight++;
      if (measured) measuredArrived++;
      traffic.startRequest(new Request(sim.now, measured, client), pickEntry(), workload.timeout);
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
  const utilization = new UtilizationWindow(pods);
  const telemetry = new Telemetry(sim, topology, totals, scenario.outputs.window);
  telemetry.start();
  if (scenario.warmup > 0)
    sim.scheduleAt(scenario.warmup, () => utilization.begin(sim.now), undefined, -1);
  else utilization.begin(0);

  const observe = progressObserver(sim, scenario, options.onProgress);
  const allEnded = () => inFlight === 0 && traffic.callsInFlight === 0;
  try {
    sim.run({ until: scenario.duration, stopWhen: observe });
    utilization.end(sim.now);
    // Requests, and calls whose requests already ended, get the drain to finish: the
    // services' counts and the time series then include the work of orphaned calls.
    if (!allEnded())
      sim.run({
        until: scenario.duration + scenario.drain,
        stopWhen: observe === undefined ? allEnded : () => observe() || allEnded(),
      });
    telemetry.finish();
    outcomes.fail('unfinished', measuredArrived - outcomes.outcomes().total);
    const measured = outcomes.outcomes();
    return assembleResult({
      scenario,
      seed,
      events: sim.eventsProcessed,
      topology,
      totals,
      outcomes: measured,
      utilization,
      timeseries: telemetry.timeSeries,
      transfers,
      // Like every headline metric, cost covers the measured period [warmup, duration) and
      // the bytes of the requests that arrived in it: cost_usd_per_million is then exactly
      // cost_usd / requests_total × 1e6.
      cost: computeCost(
        topology.nodes,
        scenario.cluster.controlPlane.pricePerHour,
        scenario.duration - scenario.warmup,
        measured,
        { bytes: transfers.crossZoneBytes, prices: scenario.cluster.network.crossZonePricePerGB },
      ),
    });
  } finally {
    disposeStats(totals, topology);
  }
}

/**
 * A stopWhen that never stops the run: every PROGRESS_EVERY_EVENTS events it reports the
 * simulated time. Without a listener there is none, and the event loop checks nothing.
 */
function progressObserver(
  sim: Simulation,
  scenario: Scenario,
  onProgress: ((progress: RunProgress) => void) | undefined,
): (() => boolean) | undefined {
  if (onProgress === undefined) return undefined;
  let untilReport = PROGRESS_EVERY_EVENTS;
  return () => {
    if (--untilReport > 0) return false;
    untilReport = PROGRESS_EVERY_EVENTS;
    onProgress({
      simulatedMs: sim.now,
      durationMs: scenario.duration,
      drainMs: scenario.drain,
      events: sim.eventsProcessed,
    });
    return false;
  };
}

/** Histograms live in WebAssembly memory: free them, or a long sweep in one worker leaks. */
function disposeStats(totals: CallStats, topology: Topology): void {
  totals.dispose();
  for (const service of topology.services.values()) {
    service.stats.dispose();
    service.workerWait.dispose();
    service.cpuWait.dispose();
    for (const endpoint of service.endpoints.values()) {
      endpoint.stats.dispose();
      endpoint.workerWait.dispose();
      endpoint.cpuWait.dispose();
    }
  }
  for (const edge of topology.edges.values()) edge.stats.dispose();
}
