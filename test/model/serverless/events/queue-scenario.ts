import type { QueueMinute, QueueSummary } from '../../../../src/metrics/queue-result.js';
import type { RunResult } from '../../../../src/metrics/run-result.js';
import { simulate } from '../../../../src/model/simulate.js';
import { parseScenario } from '../../../../src/scenario/index.js';

/**
 * A scenario of queues and functions with no network delay (so that every time in it can
 * be computed by hand), run once: its result, and each queue's summary and minutes by name.
 */
export function runQueues(yaml: {
  functions: string;
  queues: string;
  workload: string;
  duration?: string;
  drain?: string;
}): {
  result: RunResult;
  queue: (name: string) => QueueSummary;
  minutes: (name: string) => QueueMinute[];
} {
  const indent = (text: string, spaces: number) =>
    text
      .split('\n')
      .map((line) => ' '.repeat(spaces) + line)
      .join('\n');
  const text = [
    'name: queues',
    `duration: ${yaml.duration ?? '1s'}`,
    `drain: ${yaml.drain ?? '1h'}`,
    'cluster:',
    '  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }',
    'services: {}',
    'functions:',
    indent(yaml.functions, 2),
    'queues:',
    indent(yaml.queues, 2),
    'workload:',
    indent(yaml.workload, 2),
  ].join('\n');
  const result = simulate(parseScenario(text, 'queues.yaml'));
  const queues = result.queues!;
  return {
    result,
    queue: (name) => queues.queues.find((q) => q.queue === name)!,
    minutes: (name) => queues.minutes.filter((m) => m.queue === name),
  };
}

/** A workload that sends `count` messages at `atS` seconds (one instant) to `target`. */
export function burst(target: string, count: number, atS = 0, name = 'burst'): string {
  const values = Array.from({ length: count }, () => atS).join(', ');
  return `- name: ${name}\n  arrivals: trace\n  trace: { format: timestamps, values: [${values}] }\n  target: ${target}`;
}
