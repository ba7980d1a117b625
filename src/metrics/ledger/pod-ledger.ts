import { ALIVE_PHASES, alivePhaseIndex } from './alive-phases.js';
import type { LedgerPod } from './ledger-subjects.js';
import { type MeasuredWindow, msInWindow } from './measured-window.js';

const NOT_BOUND = Number.NaN;

/**
 * One pod's account over the measured window: milliseconds in each alive phase, core-ms
 * its work used, and core-ms it requested (its CPU request × the time it held its node,
 * from binding until it is gone, as kube-scheduler and the cluster autoscaler count a
 * pod's requests against its node). Updated only when the pod changes and when the window
 * opens and closes: nothing per request.
 */
export class PodLedger {
  /** milliseconds in each of ALIVE_PHASES inside the window, closed stretches only */
  readonly phaseMs = new Float64Array(ALIVE_PHASES.length);
  /** index in ALIVE_PHASES of the phase it is in; -1 once gone */
  private phase: number;
  private phaseSinceMs: number;
  node = '';
  private boundSinceMs = NOT_BOUND;
  private requestedCoreMs = 0;
  /** its CPU area when its part of the window began (creation or the window's start) */
  private areaAtStart = 0;
  private usedCoreMs = 0;
  /** whether usedCoreMs is final (the pod is gone, or the window has closed) */
  private usedClosed = false;
  goneMs: number | null = null;

  constructor(
    readonly pod: LedgerPod,
    readonly version: string,
    phase: string,
    readonly createdMs: number,
    private readonly window: MeasuredWindow,
  ) {
    this.phase = alivePhaseIndex(phase);
    this.phaseSinceMs = createdMs;
    this.areaAtStart = pod.busyCores.areaAt(createdMs);
  }

  get phaseIndex(): number {
    return this.phase;
  }

  enterPhase(phase: string, nowMs: number): void {
    this.closePhase(nowMs);
    this.phase = alivePhaseIndex(phase);
    if (this.phase < 0) this.gone(nowMs);
  }

  bind(node: string, nowMs: number): void {
    this.releaseNode(nowMs);
    this.node = node;
    this.boundSinceMs = nowMs;
  }

  /** The window opens: CPU use counts from here. */
  windowOpened(nowMs: number): void {
    if (this.goneMs === null) this.areaAtStart = this.pod.busyCores.areaAt(nowMs);
  }

  /** The window closes: CPU use counts until here. */
  windowClosed(nowMs: number): void {
    if (this.usedClosed) return;
    this.usedCoreMs = this.pod.busyCores.areaAt(nowMs) - this.areaAtStart;
    this.usedClosed = true;
  }

  /** Milliseconds in the phase at `index` inside the window, the open stretch included. */
  msIn(index: number): number {
    const open = index === this.phase ? msInWindow(this.phaseSinceMs, Infinity, this.window) : 0;
    return this.phaseMs[index]! + open;
  }

  /** Core-ms its work used inside the window (0 until the window closed or it is gone). */
  get cpuCoreMsUsed(): number {
    return this.usedCoreMs;
  }

  /** Core-ms it requested inside the window: request × time bound to its node. */
  get cpuCoreMsRequested(): number {
    const open = Number.isNaN(this.boundSinceMs)
      ? 0
      : msInWindow(this.boundSinceMs, Infinity, this.window);
    return this.requestedCoreMs + this.pod.cpuRequest * open;
  }

  private closePhase(nowMs: number): void {
    if (this.phase >= 0)
      this.phaseMs[this.phase]! += msInWindow(this.phaseSinceMs, nowMs, this.window);
    this.phaseSinceMs = nowMs;
  }

  private releaseNode(nowMs: number): void {
    if (Number.isNaN(this.boundSinceMs)) return;
    this.requestedCoreMs += this.pod.cpuRequest * msInWindow(this.boundSinceMs, nowMs, this.window);
    this.boundSinceMs = NOT_BOUND;
  }

  private gone(nowMs: number): void {
    this.goneMs = nowMs;
    this.releaseNode(nowMs);
    if (this.usedClosed) return;
    // Gone before the window opened, or created after it closed: nothing counted; gone
    // inside it: its use until now (gone after it, the window's close counted it).
    const outside = nowMs < this.window.startMs || this.createdMs >= this.window.endMs;
    this.usedCoreMs = outside ? 0 : this.pod.busyCores.areaAt(nowMs) - this.areaAtStart;
    this.usedClosed = true;
  }
}
