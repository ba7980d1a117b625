import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { functionScenarioYaml } from '../model/serverless/function-scenario.js';

/** The one error line parseScenario gives for a scenario with function `fn` as given. */
function errorOf(fn: string, extra: { rest?: string; workload?: string } = {}): string {
  const yaml = functionScenarioYaml({
    fn,
    rest: extra.rest,
    workload: extra.workload ?? 'arrivals: poisson\nrate: 1/s\ntarget: fn.invoke',
  });
  try {
    parseScenario(yaml, 'fns.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('functions in a scenario', () => {
  it('take the defaults of a Lambda function when given only a handler', () => {
    const scenario = parseScenario(
      functionScenarioYaml({
        fn: 'handler: { cpu: 10ms }',
        workload: 'arrivals: poisson\nrate: 1/s\ntarget: fn.invoke',
      }),
    );
    const fn = scenario.functions!.fn!;
    expect(fn.memoryMb).toBe(1024);
    expect(fn.timeout).toBe(3000);
    expect(fn.runtime).toBe('nodejs');
    expect(fn.ephemeralStorageMb).toBe(512);
    expect(fn.provisionedConcurrency).toBe(0);
    expect(fn.keepAlive).toEqual({ kind: 'constant', value: 600_000 });
    expect(scenario.serverless).toBeUndefined();
  });

  it('refuse memory outside 128 to 10,240 MB, or not in whole MB, naming the field', () => {
    expect(errorOf('memoryMb: 64\nhandler: { cpu: 1ms }')).toBe(
      "fns.yaml:11:15: functions.fn.memoryMb: must be at least 128 MB (Lambda's smallest)",
    );
    expect(errorOf('memoryMb: 20000\nhandler: { cpu: 1ms }')).toMatch(
      /functions\.fn\.memoryMb: must be at most 10240 MB/,
    );
    expect(errorOf('memoryMb: 512.5\nhandler: { cpu: 1ms }')).toMatch(
      /functions\.fn\.memoryMb: must be a whole number of MB/,
    );
  });

  it('refuse what Lambda refuses with SnapStart: provisioned concurrency, large /tmp, other runtimes', () => {
    expect(
      errorOf('runtime: java\nsnapStart: true\nprovisionedConcurrency: 5\nhandler: { cpu: 1ms }'),
    ).toMatch(
      /functions\.fn\.snapStart: SnapStart cannot be used with provisioned concurrency \(5 here\)/,
    );
    expect(
      errorOf('runtime: python\nsnapStart: true\nephemeralStorageMb: 1024\nhandler: { cpu: 1ms }'),
    ).toMatch(
      /functions\.fn\.snapStart: SnapStart needs ephemeralStorageMb of 512 at most \(1024 here\)/,
    );
    expect(errorOf('runtime: nodejs\nsnapStart: true\nhandler: { cpu: 1ms }')).toMatch(
      /functions\.fn\.snapStart: SnapStart exists for java, python and dotnet only, not nodejs/,
    );
    expect(errorOf('runtime: dotnet\nsnapStart: true\nhandler: { cpu: 1ms }')).toBe('no error');
  });

  it("bound the gateway's integration timeout by API type", () => {
    const gateway = (text: string) => errorOf(`handler: { cpu: 1ms }\ngateway: ${text}`);
    expect(gateway('{ type: http, integrationTimeout: 31s }')).toMatch(
      /functions\.fn\.gateway\.integrationTimeout: must be 50ms to 30s on an HTTP API/,
    );
    expect(gateway('{ type: rest, integrationTimeout: 301s }')).toMatch(
      /must be 50ms to 300s on a REST API \(above 29s only with a quota increase\)/,
    );
    expect(gateway('{ type: rest, integrationTimeout: 40ms }')).toMatch(/must be 50ms to 300s/);
    expect(gateway('{ type: rest, integrationTimeout: 120s }')).toBe('no error');
  });

  it("answer Lambda's own names with ours: runtime identifiers and CloudFormation fields", () => {
    expect(errorOf('runtime: python3.12\nhandler: { cpu: 1ms }')).toMatch(
      /did you mean "python"\?/,
    );
    expect(errorOf('runtime: nodejs20.x\nhandler: { cpu: 1ms }')).toMatch(
      /did you mean "nodejs"\?/,
    );
    expect(errorOf('runtime: provided.al2023\nhandler: { cpu: 1ms }')).toMatch(
      /did you mean "go"\?/,
    );
    expect(errorOf('memorySize: 512\nhandler: { cpu: 1ms }')).toMatch(/did you mean "memoryMb"\?/);
    expect(errorOf('MemorySize: 512\nhandler: { cpu: 1ms }')).toMatch(/did you mean "memoryMb"\?/);
  });

  it('list the functions beside the services when a call names neither', () => {
    expect(
      errorOf('handler: { cpu: 1ms }', {
        workload: 'arrivals: poisson\nrate: 1/s\ntarget: fx.invoke',
      }),
    ).toMatch(/unknown service or function "fx"; did you mean "fn"\?/);
  });

  it('refuse a timeout above 900 s', () => {
    expect(errorOf('timeout: 16m\nhandler: { cpu: 1ms }')).toMatch(
      /functions\.fn\.timeout: must be at most 900s/,
    );
  });

  it('need a handler with some work', () => {
    expect(errorOf('handler: {}')).toMatch(
      /functions\.fn\.handler: give the handler cpu, duration or wait/,
    );
  });

  it('refuse provisioned concurrency above the reserved', () => {
    expect(
      errorOf('handler: { cpu: 1ms }\nreservedConcurrency: 5\nprovisionedConcurrency: 6'),
    ).toMatch(
      /functions\.fn\.provisionedConcurrency: must be at most its reservedConcurrency \(5\)/,
    );
  });

  it('refuse reservations that leave the account fewer than 100 unreserved', () => {
    expect(errorOf('handler: { cpu: 1ms }\nreservedConcurrency: 950')).toMatch(
      /functions: the functions reserve 950 concurrent executions; at most 900 may be reserved/,
    );
  });

  it('refuse a function named as a service', () => {
    expect(
      errorOf('handler: { cpu: 1ms }', {
        rest: 'services:\n  fn:\n    endpoints:\n      get: { cpu: 1ms }',
        workload: 'arrivals: poisson\nrate: 1/s\ntarget: fn.get',
      }),
    ).toMatch(/"fn" is also a service: a function and a service need different names/);
  });

  it('are called by name, as name.invoke or name.invokeAsync, and nothing else', () => {
    expect(errorOf('handler: { cpu: 1ms }\ncalls: [fn.run]', {})).toMatch(
      /function "fn" has two endpoints: invoke \(call it as "fn" or "fn.invoke"\) and invokeAsync \(asynchronous: "fn.invokeAsync"\)/,
    );
    expect(
      errorOf('handler: { cpu: 1ms }', { workload: 'arrivals: poisson\nrate: 1/s\ntarget: fn' }),
    ).toMatch(/a function's entry is "fn.invoke"/);
  });

  it('refuse a function that calls itself: the call graph stays acyclic', () => {
    expect(errorOf('handler: { cpu: 1ms }\ncalls: [fn]')).toMatch(/cycle/);
  });
});
