/**
 * The player's simulation, in a Web Worker: the engine and the model of `msasim run`, fed by
 * the page's messages (viz/protocol.ts). Simulated time advances by the event queue alone,
 * up to the target the page sets each frame; the animation clock never reaches the model.
 */
import { EventBudgetExceededError } from '../src/engine/simulation.js';
import type { RunResult } from '../src/metrics/run-result.js';
import type { LiveView } from '../src/model/live-view.js';
import { type SteppedRun, startSimulation } from '../src/model/simulate.js';
import { asBeforeAllocation, resultJson } from '../src/report/run-json.js';
import { checkWorkLimits, eventBudgetFor, workLimitsWith } from '../src/scenario/work-limits.js';
import { playerScenario } from './player-scenario.js';
import type { FinalNumbers, PageMessage, WorkerMessage } from './protocol.js';

interface WorkerScope {
  onmessage: ((event: { data: PageMessage }) => void) | null;
  postMessage(message: WorkerMessage): void;
}
const scope = self as unknown as WorkerScope;

/** Most events one "decision" step takes before it gives up looking (a static cluster has none). */
const MAX_EVENTS_PER_DECISION = 200_000;

let current: { runId: number; run: SteppedRun; hasPricing: boolean; ended: boolean } | undefined;

scope.onmessage = ({ data }) => {
  try {
    handle(data);
  } catch (error) {
    const message =
      error instanceof EventBudgetExceededError || error instanceof Error
        ? error.message
        : String(error);
    scope.postMessage({ type: 'error', runId: data.runId, message });
  }
};

scope.postMessage({ type: 'ready', runId: 0 });

function handle(message: PageMessage): void {
  if (message.type === 'load') {
    load(message);
    return;
  }
  if (current === undefined || current.runId !== message.runId || current.ended) return;
  const { run } = current;
  if (message.type === 'advanceTo')
    current.ended = run.advance(Number.POSITIVE_INFINITY, message.timeMs);
  else if (message.type === 'finish') current.ended = run.advance(Number.POSITIVE_INFINITY);
  else if (message.unit === 'event') current.ended = run.advance(1);
  else current.ended = untilPodsChange(run);
  report();
}

function load(message: Extract<PageMessage, { type: 'load' }>): void {
  current?.run.dispose();
  current = undefined;
  const scenario = playerScenario(message.text, message.fileName, message.overrides);
  // As simulate() and `msasim run` do: the work limits, then the CLI's event budget.
  const eventBudget = eventBudgetFor(checkWorkLimits(scenario, workLimitsWith({})));
  const seed = message.seed ?? scenario.seed;
  const run = startSimulation(scenario, { seed, eventBudget });
  current = { runId: message.runId, run, hasPricing: scenario.pricing !== undefined, ended: false };
  scope.postMessage({
    type: 'loaded',
    runId: message.runId,
    outline: {
      scenario: scenario.name,
      description: scenario.description,
      seed,
      durationMs: scenario.duration,
      warmupMs: scenario.warmup,
      drainMs: scenario.drain,
      windowMs: scenario.outputs.window,
    },
  });
  report();
}

/** One event at a time until the pods alive, their phases or versions change, or the run ends. */
function untilPodsChange(run: SteppedRun): boolean {
  const before = podSignature(run.live({ windows: false }));
  for (let events = 0; events < MAX_EVENTS_PER_DECISION; events++) {
    if (run.advance(1)) return true;
    if (podSignature(run.live({ windows: false })) !== before) return false;
  }
  return false;
}

function podSignature(view: LiveView): string {
  return view.services
    .map(
      (s) =>
        `${s.name}:${s.instances ?? ''}:${s.pods.map((p) => `${p.name}=${p.phase}@${p.version}`).join(',')}`,
    )
    .join(';');
}

function report(): void {
  if (current === undefined) return;
  const { runId, run, ended } = current;
  if (!ended) {
    scope.postMessage({ type: 'view', runId, view: run.live() });
    return;
  }
  // After result(): the time series' last, partial window is closed by then.
  const result = run.result();
  const view = run.live();
  const json = resultJson(asBeforeAllocation(result, current.hasPricing));
  scope.postMessage({ type: 'finished', runId, view, json, numbers: finalNumbers(result) });
  run.dispose();
}

function finalNumbers(result: RunResult): FinalNumbers {
  return {
    requests: result.requests.total,
    succeeded: result.requests.succeeded,
    failed: result.requests.failed,
    availability: result.availability,
    throughputPerSec: result.throughputPerSec,
    p50Ms: result.latency.p50Ms,
    p99Ms: result.latency.p99Ms,
    costUsd: result.cost.totalUsd,
    events: result.events,
  };
}
