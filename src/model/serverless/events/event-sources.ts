import type { RandomStreams } from '../../../engine/random.js';
import type { Simulation } from '../../../engine/simulation.js';
import type { QueuesResult } from '../../../metrics/queue-result.js';
import { ASYNC_ENDPOINT, type AsyncInvokeConfig } from '../../../scenario/queue-schema.js';
import { asyncInvokedFunctions } from '../../../scenario/queue-work.js';
import type { Scenario } from '../../../scenario/schema.js';
import type { BurstDone } from '../../cpu/cpu-scheduler.js';
import type { Request } from '../../request.js';
import type { CallTarget, Service } from '../../service.js';
import type { Attempt } from '../../traffic/attempt.js';
import type { FunctionInvoker, InvokeDispatch } from '../function-pool.js';
import { ApiFront } from './api-front.js';
import { AsyncInvocations } from './async-invocations.js';
import { EventSourceMapping } from './event-source-mapping.js';
import { MessageQueue } from './message-queue.js';

const MINUTE_MS = 60_000;

/** What asynchronous invocation is when a function gives no `async:` (Lambda's defaults). */
const DEFAULT_ASYNC: AsyncRules = { maximumRetryAttempts: 2, maximumEventAge: 6 * 3_600_000 };

type AsyncRules = Pick<AsyncInvokeConfig, 'maximumRetryAttempts' | 'maximumEventAge'> & {
  readonly onFailure?: string | undefined;
};

export interface EventSourcesParts {
  readonly scenario: Scenario;
  readonly sim: Simulation;
  readonly streams: RandomStreams;
  readonly queueServices: ReadonlyMap<string, Service>;
  readonly functionServices: ReadonlyMap<string, Service>;
  readonly eventTarget: (from: string, functionName: string) => CallTarget;
  readonly startBackground: (request: Request, target: CallTarget) => void;
  readonly cpuDone: BurstDone;
}

/**
 * The run's event sources (docs/serverless.md, "Event sources"): each queue with its
 * SendMessage front, its dead-letter queue and its event source mapping; each function
 * invoked asynchronously with its Invoke front and its own queue. Made only when the
 * scenario has queues or asynchronous invocations: other runs build and draw nothing.
 * A tick at each whole minute expires old messages, records the oldest message's age and
 * scales the pollers.
 */
export class EventSources {
  private readonly queues = new Map<string, MessageQueue>();
  private readonly mappings: EventSourceMapping[] = [];
  private readonly consumed: MessageQueue[] = [];
  private readonly asyncInvocations: AsyncInvocations[] = [];
  private nextMessageId = 0;

  constructor(private readonly parts: EventSourcesParts) {
    const { scenario, sim, streams } = parts;
    const zone = scenario.cluster.zones[0]!;
    const nextId = () => this.nextMessageId++;
    const configs = Object.entries(scenario.queues ?? {});
    for (const [name, config] of configs) {
      const queue = new MessageQueue(
        sim,
        { name, kind: 'sqs', retentionMs: config.messageRetention },
        nextId,
      );
      this.queues.set(name, queue);
      const front = new ApiFront(sim, name, zone, parts.cpuDone, () => queue.send());
      parts.queueServices.get(name)!.invoker = front;
    }
    for (const [name, config] of configs) {
      const trigger = config.trigger;
      if (trigger === undefined) continue;
      const redrive = config.redrivePolicy;
      this.consumed.push(this.queues.get(name)!);
      this.mappings.push(
        new EventSourceMapping({
          sim,
          queue: this.queues.get(name)!,
          config: trigger,
          visibilityTimeoutMs: config.visibilityTimeout,
          maxReceiveCount: redrive?.maxReceiveCount,
          deadLetter: redrive === undefined ? undefined : this.queues.get(redrive.deadLetterQueue),
          target: parts.eventTarget(name, trigger.function),
          startBackground: parts.startBackground,
          warmupMs: scenario.warmup,
          messageNext: streams.stream(`queue:${name}:message`).next,
        }),
      );
    }
    for (const name of asyncInvokedFunctions(scenario)) this.asyncQueue(name, zone);
    sim.schedule(MINUTE_MS, this.minuteTick, undefined);
  }

  /** The function's asynchronous queue; its `invokeAsync` calls go to its Invoke front. */
  private asyncQueue(name: string, zone: string): void {
    const { parts } = this;
    const { scenario, sim } = parts;
    const config: AsyncRules = scenario.functions![name]!.async ?? DEFAULT_ASYNC;
    const queue = new MessageQueue(
      sim,
      // The maximum event age is the async invoker's own rule: it drops, and sends on.
      { name, kind: 'lambda-async', retentionMs: Number.POSITIVE_INFINITY },
      () => this.nextMessageId++,
    );
    this.queues.set(`${name}\u0000async`, queue);
    const onFailure = config.onFailure;
    this.consumed.push(queue);
    this.asyncInvocations.push(
      new AsyncInvocations({
        sim,
        queue,
        config,
        target: parts.eventTarget(`${name}-async`, name),
        startBackground: parts.startBackground,
        warmupMs: scenario.warmup,
        onFailure: onFailure === undefined ? undefined : this.queues.get(onFailure),
      }),
    );
    const service = parts.functionServices.get(name)!;
    const front = new ApiFront(sim, `${name}-async`, zone, parts.cpuDone, () => queue.send());
    service.invoker = asyncRouter(service.invoker!, front);
  }

  private readonly minuteTick = (): void => {
    for (const queue of this.queues.values()) {
      queue.expireOld();
      queue.minuteEnded();
    }
    for (const mapping of this.mappings) mapping.minuteTick();
    this.parts.sim.schedule(MINUTE_MS, this.minuteTick, undefined);
  };

  /**
   * Whether every queue something reads is empty (the run's drain may end): a queue without
   * a consumer (a dead-letter queue, an on-failure destination) keeps its messages anyway.
   */
  idle(): boolean {
    for (const queue of this.consumed) if (queue.backlog > 0) return false;
    return true;
  }

  result(endMs: number): QueuesResult {
    const queues = [...this.queues.values()];
    for (const queue of queues) queue.runEnded();
    return {
      queues: queues.map((queue) => queue.stats.summary()),
      minutes: queues.flatMap((queue) => queue.stats.perMinute(endMs)),
    };
  }
}

/** A function's calls: `invokeAsync` to its Invoke front, the others to its instances. */
function asyncRouter(pool: FunctionInvoker, front: ApiFront): FunctionInvoker {
  const of = (attempt: Attempt) =>
    attempt.call.target.endpoint.name === ASYNC_ENDPOINT ? front : pool;
  return {
    integrationTimeoutMs: (attempt: Attempt) => of(attempt).integrationTimeoutMs(attempt),
    invoke: (attempt: Attempt, dispatch: InvokeDispatch) => of(attempt).invoke(attempt, dispatch),
    ended: (attempt: Attempt, ran: boolean) => of(attempt).ended(attempt, ran),
  };
}

/** Whether the scenario has queues or invokes a function asynchronously. */
export function hasEventSources(scenario: Scenario): boolean {
  return Object.keys(scenario.queues ?? {}).length > 0 || asyncInvokedFunctions(scenario).size > 0;
}
