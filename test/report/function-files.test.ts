import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { sweepOutputFiles } from '../../src/runner/sweep.js';
import { parseScenario } from '../../src/scenario/load.js';
import { functionScenarioYaml } from '../model/serverless/function-scenario.js';

const scenario = parseScenario(
  functionScenarioYaml({
    fn: 'runtime: python\nmemoryMb: 256\nhandler: { cpu: 10ms }\nkeepAlive: 0ms',
    workload: 'arrivals: poisson\nrate: 2/s\ntarget: fn.invoke',
    duration: '2m',
  }),
);
const result = simulate(scenario);
const record = { runId: 0, variant: 'base', params: {}, replication: 0, seed: 1, result };

describe('the files of a run with functions', () => {
  const files = sweepOutputFiles(scenario, [record]);

  it('add functions.csv, function_metrics.csv and lambda_report.log after the others, then their bill', () => {
    expect(Object.keys(files).slice(-4)).toEqual([
      'functions.csv',
      'function_metrics.csv',
      'lambda_report.log',
      'cost.csv',
    ]);
  });

  it('function_metrics.csv has a row per minute under CloudWatch names', () => {
    const [header, ...rows] = files['function_metrics.csv']!.trim().split('\n');
    expect(header).toBe(
      'run_id,variant,replication,function,minute_start_s,Invocations,Errors,Throttles,Duration_Average_ms,Duration_Maximum_ms,ConcurrentExecutions_Maximum,ProvisionedConcurrencyUtilization_Maximum,instances_busy_mean,instances_idle_mean,instances_initializing_mean',
    );
    expect(rows.map((row) => row.split(',')[4])).toEqual(['0', '60']);
    const invocations = rows.reduce((sum, row) => sum + Number(row.split(',')[5]), 0);
    expect(invocations).toBe(result.functions!.functions[0]!.invocations);
  });

  it("lambda_report.log has Lambda's REPORT line for every cold start (here every call)", () => {
    // 10 ms of CPU at 256 MB: 10 × 1769 / 256 = 69.10 ms; the init is billed with it (AWS
    // since August 2025), so Billed Duration is the sum rounded up to 1 ms.
    const lines = files['lambda_report.log']!.trim().split('\n');
    expect(lines.length).toBe(result.functions!.functions[0]!.coldStarts);
    const fields = lines[0]!.match(
      /^run 0\t\d+\.\d{3}\tfn\tREPORT RequestId: fn-1\tDuration: 69\.10 ms\tBilled Duration: (\d+) ms\tMemory Size: 256 MB\tInit Duration: (\d+\.\d\d) ms$/,
    );
    expect(fields).not.toBeNull();
    const initMs = Number(fields![2]);
    expect(Number(fields![1])).toBeGreaterThanOrEqual(Math.ceil(69.1 + initMs) - 1);
    expect(Number(fields![1])).toBeLessThanOrEqual(Math.ceil(69.1 + initMs) + 1);
  });
});
