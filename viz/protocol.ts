/**
 * The only link between the player's page (viz/main.ts) and the simulation in its Web
 * Worker (viz/worker.ts): every message either side sends is one of these. The page owns
 * the clock of the animation; the worker owns simulated time, which it advances by the event
 * queue only, up to the target the page sets.
 */
import type { LiveView } from '../src/model/live-view.js';

/** The page asks; every request names the run it is about, so late answers of an old run are dropped. */
export type PageMessage =
  /** Parse, validate, apply the overrides (as a sweep's variant would) and build the run; nothing runs yet. */
  | {
      type: 'load';
      runId: number;
      fileName: string;
      text: string;
      /** the run's seed; undefined: the scenario's */
      seed: number | undefined;
      /** path → value, as a sweep variant writes them */
      overrides: Record<string, unknown>;
    }
  /** Process every event before simulated time `timeMs`, then send a view. */
  | { type: 'advanceTo'; runId: number; timeMs: number }
  /** Process one event, or events until the cluster's pods change (a controller's decision), then send a view. */
  | { type: 'step'; runId: number; unit: 'event' | 'decision' }
  /** Run to the end at full speed and send the result. */
  | { type: 'finish'; runId: number };

/** What the run is, sent once it is built. */
export interface RunOutline {
  scenario: string;
  description: string | undefined;
  seed: number;
  durationMs: number;
  warmupMs: number;
  drainMs: number;
  windowMs: number;
}

/** The headline numbers of a finished run, as `msasim run` prints them. */
export interface FinalNumbers {
  requests: number;
  succeeded: number;
  failed: number;
  availability: number | null;
  throughputPerSec: number;
  p50Ms: number | null;
  p99Ms: number | null;
  costUsd: number;
  events: number;
}

/**
 * The worker answers. It first says `ready`, once its module has loaded (the latency
 * histograms' WebAssembly is awaited as it loads): a message sent before would be lost.
 */
export type WorkerMessage =
  | { type: 'ready'; runId: 0 }
  | { type: 'loaded'; runId: number; outline: RunOutline }
  | { type: 'view'; runId: number; view: LiveView }
  /** `json` is the very text `msasim run FILE --seed S --json` prints. */
  | { type: 'finished'; runId: number; view: LiveView; json: string; numbers: FinalNumbers }
  /** A scenario the loader refused (its located message), or a run that failed. */
  | { type: 'error'; runId: number; message: string };
