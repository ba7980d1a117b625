import { describe, expect, it } from 'vitest';
import type { PodPhase } from '../../src/model/cluster/lifecycle-listener.js';
import { RecordingLifecycleListener } from '../../src/model/cluster/recording-listener.js';
import { simulate } from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/index.js';
import { loadScenario } from '../support/scenario-files.js';

/**
 * Readiness probes that fail (docs/lifecycle.md, "Readiness"): the probe is a request the
 * application answers, so a pod whose worker is held too long fails it. The fixture's
 * timeline is computed by hand in its opening comment.
 */
const base = loadScenario('readiness-overload');

/** The fixture with the web service's probe, queue or request CPU changed. */
function variant(change: {
  probe?: Record<string, number>;
  queueLimit?: number;
  /** the request's CPU time, in ms */
  cpuMs?: number;
  /** when the request arrives, in s */
  arrivesAt?: number;
}): Scenario {
  const web = base.services.web!;
  const probe = { ...web.lifecycle!.readinessProbe, ...change.probe };
  const cpu = change.cpuMs === undefined ? web.endpoints.get!.cpu : constant(change.cpuMs);
  const get = { ...web.endpoints.get!, cpu };
  const workload = base.workload.map((w) =>
    change.arrivesAt === undefined
      ? w
      : { ...w, trace: { format: 'timestamps', values: [change.arrivesAt] } },
  );
  return {
    ...base,
    workload,
    services: {
      web: {
        ...web,
        queueLimit: change.queueLimit ?? web.queueLimit,
        lifecycle: { ...web.lifecycle, readinessProbe: probe },
        endpoints: { get },
      },
    },
  } as Scenario;
}

const constant = (value: number) => ({ kind: 'constant' as const, value });

/** web-0's readiness changes after it first became ready: [time in ms, phase]. */
function readinessChanges(scenario: Scenario): [number, PodPhase][] {
  const listener = new RecordingLifecycleListener();
  simulate(scenario, { lifecycleListener: listener });
  return listener.records
    .flatMap((r) => (r.kind === 'podPhaseChanged' ? [[r.at, r.phase] as [number, PodPhase]] : []))
    .filter(([, phase]) => phase === 'Ready' || phase === 'Running');
}

describe('a readiness probe the application answers', () => {
  it('leaves ready at the third probe failed in a row (31 s) and returns at the next success (40.001 s)', () => {
    // Probes at 10, 20 and 30 s wait behind the 35 s request and time out 1 s later.
    expect(readinessChanges(base)).toEqual([
      [0, 'Running'],
      [1, 'Ready'],
      [31_000, 'Running'],
      [40_001, 'Ready'],
    ]);
  });

  it('with failureThreshold 4, the same three failures leave it ready', () => {
    expect(readinessChanges(variant({ probe: { failureThreshold: 4 } }))).toEqual([
      [0, 'Running'],
      [1, 'Ready'],
    ]);
  });

  it('held for 25 s instead of 35 s, two failures (10 s, 20 s) leave it ready: the probe at 30 s passes', () => {
    expect(readinessChanges(variant({ cpuMs: 25_000 }))).toEqual([
      [0, 'Running'],
      [1, 'Ready'],
    ]);
  });

  it('with successThreshold 2, it is ready at its second success and returns at the second in a row', () => {
    // Ready after the probes at 0 and 10 s; the request (10.5 s to 45.5 s) fails those at
    // 20, 30 and 40 s: not ready at 41 s; the probes at 50 and 60 s pass.
    const scenario = variant({ probe: { successThreshold: 2 }, arrivesAt: 10.5 });
    expect(readinessChanges(scenario)).toEqual([
      [0, 'Running'],
      [10_001, 'Ready'],
      [41_000, 'Running'],
      [60_001, 'Ready'],
    ]);
  });

  it('a full queue refuses the probe: each fails at once, and the third makes it not ready at 30 s', () => {
    expect(readinessChanges(variant({ queueLimit: 0 }))).toEqual([
      [0, 'Running'],
      [1, 'Ready'],
      [30_000, 'Running'],
      [40_001, 'Ready'],
    ]);
  });

  it('a timeout of 2 s moves the third failure to 32 s', () => {
    expect(readinessChanges(variant({ probe: { timeoutSeconds: 2 } }))).toEqual([
      [0, 'Running'],
      [1, 'Ready'],
      [32_000, 'Running'],
      [40_001, 'Ready'],
    ]);
  });
});

describe('the readiness cascade (readiness-cascade.yaml)', () => {
  /** Ready→Running (left) and Running→Ready (returned) times of the pods that were ready. */
  function run(withProbe: boolean) {
    const scenario = loadScenario('readiness-cascade');
    const api = scenario.services.api!;
    if (!withProbe) api.lifecycle = { containerStart: api.lifecycle!.containerStart };
    const listener = new RecordingLifecycleListener();
    const result = simulate(scenario, { lifecycleListener: listener });
    const left = listener.records.flatMap((r) =>
      r.kind === 'podPhaseChanged' && r.phase === 'Running' && r.pod !== 'api-3' ? [r.at] : [],
    );
    return { result, left, readyAt: (t: number) => listener.countsAt(t).Ready ?? 0 };
  }

  it('without probes, the two pods left after the crash stay in the endpoints: no call finds none', () => {
    const { result, left } = run(false);
    expect(left).toEqual([]);
    expect(result.requests.byCause.unavailable).toBe(0);
  });

  it('with probes, both overloaded pods leave while the replacement starts, and several times more calls fail', () => {
    const { result, left } = run(true);
    expect(left).toHaveLength(2);
    const [first, second] = left as [number, number];
    // Both leave during the 30 s the replacement takes to start (20 s to 50 s).
    expect(first).toBeGreaterThan(20_000);
    expect(second).toBeLessThan(50_000);
    // While one is out the other takes all the load: its queue overflows (and, when both
    // are out at once, calls find no ready pod). Seeds 1-4 give 3.3 to 11 times the
    // failures of the same run without probes.
    expect(result.requests.failed).toBeGreaterThan(3 * run(false).result.requests.failed);
  });
});
