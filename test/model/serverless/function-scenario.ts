import type { FunctionMetrics } from '../../../src/metrics/function-result.js';
import type { RunResult } from '../../../src/metrics/run-result.js';
import { simulate } from '../../../src/model/simulate.js';
import { parseScenario } from '../../../src/scenario/load.js';

/**
 * A scenario around one function `fn` called by one open or closed workload, written as YAML
 * so that each test reads as a scenario file would. `fn` is the function's fields, `rest`
 * any other top-level YAML (services, serverless, cluster). Long runs keep 1 h windows: the
 * per-second time series is not what these tests look at.
 */
export function functionScenarioYaml(options: {
  fn: string;
  workload: string;
  duration?: string;
  drain?: string;
  rest?: string;
  seed?: number;
}): string {
  return `name: fn-test
duration: ${options.duration ?? '10m'}
drain: ${options.drain ?? '5m'}
seed: ${options.seed ?? 1}
outputs: { window: 1h }
cluster:
  network: { ingress: 0ms }
${options.rest ?? 'services: {}'}
functions:
  fn:
${indent(options.fn, 4)}
workload:
  - name: users
${indent(options.workload, 4)}
`;
}

export function runFunction(options: Parameters<typeof functionScenarioYaml>[0]): {
  result: RunResult;
  fn: FunctionMetrics;
} {
  const result = simulate(parseScenario(functionScenarioYaml(options), 'fn-test.yaml'));
  return { result, fn: result.functions!.functions.find((f) => f.function === 'fn')! };
}

function indent(text: string, spaces: number): string {
  return text
    .trim()
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}
