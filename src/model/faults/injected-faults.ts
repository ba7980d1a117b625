import type { RandomStreams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { FaultRecord } from '../../metrics/fault-result.js';
import type { Scenario } from '../../scenario/schema.js';
import type { LogicalCall } from '../traffic/logical-call.js';
import { faultRecordOf } from './fault-record.js';
import { FaultWindow } from './fault-window.js';
import { FunctionDelay } from './function-delay.js';
import { FunctionError } from './function-error.js';
import { HttpAbort } from './http-abort.js';
import { NetemRandom } from './netem-random.js';
import { NetworkDelay } from './network-delay.js';
import { PacketLoss } from './packet-loss.js';

/** What a function's faults do to one invocation (FunctionPool.invoke). */
export interface InvocationFault {
  /** ms the handler starts later (0: none) */
  readonly delayMs: number;
  /** 'none'; 'skip': the handler does not run and the invocation errs; 'after': it runs, then errs */
  readonly error: 'none' | 'skip' | 'after';
}

const NO_INVOCATION_FAULT: InvocationFault = { delayMs: 0, error: 'none' };

/**
 * The run's faults on calls and invocations (docs/faults.md): what the request path
 * (src/model/traffic.ts) and the function pools ask before a call leaves, when a message
 * crosses the wire, and when an invocation starts. Each fault draws from its own stream,
 * `fault:<index>:<kind>:<target>` (its place in `faults:`), so no other stream changes; a
 * fault outside its window or on another service draws nothing. Built only when the
 * scenario has such a fault.
 */
export class InjectedFaults {
  /** faults.csv's records of these faults, by their index in `faults:` */
  readonly records = new Map<number, FaultRecord>();
  private readonly delays: NetworkDelay[] = [];
  private readonly losses: PacketLoss[] = [];
  private readonly aborts: HttpAbort[] = [];
  private readonly functionDelays: FunctionDelay[] = [];
  private readonly functionErrors: FunctionError[] = [];

  constructor(
    private readonly sim: Simulation,
    scenario: Scenario,
    streams: RandomStreams,
  ) {
    (scenario.faults ?? []).forEach((config, index) => {
      const record = faultRecordOf(config, scenario.duration);
      const next = () => streams.stream(`fault:${index}:${record.kind}:${record.target}`).next;
      const windowOf = (service: string, from?: string) =>
        new FaultWindow(service, from, record.startMs, record.endMs, record);
      const { networkDelay, networkLoss, httpAbort, functionDelay, functionError } = config;
      if (networkDelay !== undefined)
        this.delays.push(
          new NetworkDelay(
            windowOf(networkDelay.service, networkDelay.from),
            networkDelay,
            new NetemRandom(networkDelay.correlation, next()),
          ),
        );
      else if (networkLoss !== undefined)
        this.losses.push(
          new PacketLoss(
            windowOf(networkLoss.service, networkLoss.from),
            networkLoss.loss,
            new NetemRandom(networkLoss.correlation, next()),
          ),
        );
      else if (httpAbort !== undefined)
        this.aborts.push(
          new HttpAbort(
            windowOf(httpAbort.service, httpAbort.from),
            httpAbort.percentage,
            httpAbort.httpStatus,
            next(),
          ),
        );
      else if (functionDelay !== undefined)
        this.functionDelays.push(
          new FunctionDelay(
            windowOf(functionDelay.function),
            functionDelay.startupDelayMilliseconds,
            functionDelay.invocationPercentage / 100,
            next(),
          ),
        );
      else if (functionError !== undefined)
        this.functionErrors.push(
          new FunctionError(
            windowOf(functionError.function),
            functionError.preventExecution,
            functionError.invocationPercentage / 100,
            next(),
          ),
        );
      else return;
      this.records.set(index, record);
    });
  }

  /** Whether the scenario has a fault on calls or invocations (else none is built). */
  static wanted(scenario: Scenario): boolean {
    return (scenario.faults ?? []).some(
      (f) =>
        f.networkDelay !== undefined ||
        f.networkLoss !== undefined ||
        f.httpAbort !== undefined ||
        f.functionDelay !== undefined ||
        f.functionError !== undefined,
    );
  }

  /** The status an abort answers this attempt with before it leaves; 0: none. */
  abortStatus(call: LogicalCall): number {
    const now = this.sim.now;
    for (const abort of this.aborts)
      if (abort.window.hits(call, now) && abort.aborts()) {
        abort.window.faulted();
        return abort.httpStatus;
      }
    return 0;
  }

  /** What the faults add to a request of `bytes` on its way to the callee, ms. */
  requestMs(call: LogicalCall, bytes: number): number {
    return this.delayMs(call) + this.lossMs(call, bytes);
  }

  /** What they add to its response of `bytes` on its way back (loss only: delay is one way). */
  responseMs(call: LogicalCall, bytes: number): number {
    return this.lossMs(call, bytes);
  }

  /** What they add to opening a new connection for the call: its SYN is delayed and may be lost. */
  handshakeMs(call: LogicalCall): number {
    const now = this.sim.now;
    let ms = this.delayMs(call, false);
    for (const loss of this.losses)
      if (loss.window.hits(call, now)) {
        const outcome = loss.handshake();
        if (outcome.retransmissions > 0) loss.window.faulted();
        ms += outcome.addedMs;
      }
    return ms;
  }

  /** What the function's faults do to this invocation, as it starts. */
  invocation(call: LogicalCall): InvocationFault {
    const now = this.sim.now;
    let delayMs = 0;
    for (const delay of this.functionDelays)
      if (delay.window.hits(call, now) && delay.delays()) {
        delay.window.faulted();
        delayMs += delay.startupDelayMs;
      }
    let error: InvocationFault['error'] = 'none';
    for (const fault of this.functionErrors)
      if (error === 'none' && fault.window.hits(call, now) && fault.errs()) {
        fault.window.faulted();
        error = fault.preventExecution ? 'skip' : 'after';
      }
    return delayMs === 0 && error === 'none' ? NO_INVOCATION_FAULT : { delayMs, error };
  }

  /** What injected latency adds to the round trip of this call's connection: the RTO grows by it. */
  private extraRttMs(call: LogicalCall, now: number): number {
    let ms = 0;
    for (const delay of this.delays) if (delay.window.hits(call, now)) ms += delay.meanMs;
    return ms;
  }

  /** `counted`: a request's delay counts the call as faulted (its handshake's does not again). */
  private delayMs(call: LogicalCall, counted = true): number {
    const now = this.sim.now;
    let ms = 0;
    for (const delay of this.delays)
      if (delay.window.hits(call, now)) {
        if (counted) delay.window.faulted();
        ms += delay.delayMs();
      }
    return ms;
  }

  private lossMs(call: LogicalCall, bytes: number): number {
    const now = this.sim.now;
    let ms = 0;
    for (const loss of this.losses)
      if (loss.window.hits(call, now)) {
        const outcome = loss.message(bytes, this.extraRttMs(call, now));
        if (outcome.retransmissions > 0) loss.window.faulted();
        ms += outcome.addedMs;
      }
    return ms;
  }
}
