import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PodPhase } from '../../src/model/cluster/lifecycle-listener.js';
import { RecordingLifecycleListener } from '../../src/model/cluster/recording-listener.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';

/**
 * The proof: at every instant of a rollout, pods (not terminating) <= replicas +
 * maxSurge and available pods >= replicas - maxUnavailable, read from the lifecycle
 * listener's transitions, for combinations including Kubernetes's rounding edge cases.
 * The bounds are computed here as Kubernetes computes them, ported on their own from
 * staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go (GetScaledValueFromIntOrPercent:
 * math.Ceil or math.Floor of value * total / 100) and pkg/controller/deployment/util/
 * deployment_util.go (ResolveFenceposts: both 0 -> maxUnavailable 1; MaxUnavailable: at most
 * the replicas).
 */
function k8sBounds(replicas: number, maxSurge: number | string, maxUnavailable: number | string) {
  const scaled = (v: number | string, roundUp: boolean) => {
    if (typeof v === 'number') return v;
    const value = Number(v.slice(0, -1)) * replicas;
    return roundUp ? Math.ceil(value / 100) : Math.floor(value / 100);
  };
  let surge = scaled(maxSurge, true);
  let unavailable = scaled(maxUnavailable, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  unavailable = Math.min(unavailable, replicas);
  surge = Math.max(surge, 0);
  return { maxPods: replicas + surge, minAvailable: replicas - unavailable };
}

const COMBINATIONS: [number, number | string, number | string][] = [
  [3, '25%', '25%'], // surge ceil(0.75) = 1, unavailable floor(0.75) = 0
  [10, 0, '25%'], // no surge: 2 down at a time
  [3, 0, '25%'], // both resolve to 0: maxUnavailable 1
  [6, '0%', '10%'], // both resolve to 0 again, from percents
  [10, '25%', '25%'], // 3 and 2
  [10, 1, 0],
  [5, '50%', '50%'], // 3 and 2
  [4, '100%', 0],
  [4, 0, '100%'], // all down at once
  [7, 2, 3],
  [1, '25%', '25%'], // 1 and 0
  [2, '10%', '10%'], // 1 and 0
];

const ACTIVE: ReadonlySet<PodPhase> = new Set([
  'Pending',
  'Scheduled',
  'PullingImage',
  'Starting',
  'Running',
  'Ready',
]);

function scenarioYaml(
  replicas: number,
  maxSurge: number | string,
  maxUnavailable: number | string,
  seed: number,
) {
  return stringify({
    name: 'rolling-invariants',
    seed,
    duration: '120s',
    drain: '5s',
    cluster: {
      provider: 'none',
      nodePools: [{ name: 'big', cpu: 64, memory: '64Gi', pricePerHour: 1, count: 2 }],
    },
    services: {
      web: {
        replicas,
        resources: { requests: { cpu: '100m', memory: '64Mi' } },
        lifecycle: {
          imagePull: 'uniform(min=1s, max=4s)',
          containerStart: 'uniform(min=0.5s, max=3s)',
          readinessProbe: { periodSeconds: 1 },
          minReadySeconds: 2,
          preStop: '1s',
        },
        strategy: { rollingUpdate: { maxSurge, maxUnavailable } },
        endpoints: { get: { cpu: '2ms' } },
      },
    },
    workload: [{ name: 'users', arrivals: 'poisson', rate: '50/s', target: 'web.get' }],
    events: [
      { at: '10s', rollout: { service: 'web', version: 'v2' } },
      { at: '60s', rollback: { service: 'web' } },
    ],
  });
}

describe('a rolling update keeps within maxSurge and maxUnavailable at every instant', () => {
  for (const [replicas, maxSurge, maxUnavailable] of COMBINATIONS) {
    it(`${replicas} replicas, maxSurge ${maxSurge}, maxUnavailable ${maxUnavailable}`, () => {
      const { maxPods, minAvailable } = k8sBounds(replicas, maxSurge, maxUnavailable);
      for (const seed of [1, 2]) {
        const scenario = parseScenario(
          scenarioYaml(replicas, maxSurge, maxUnavailable, seed),
          'x.yaml',
        );
        const listener = new RecordingLifecycleListener();
        const result = simulate(scenario, { lifecycleListener: listener });
        const rollouts = result.rollouts!;
        expect(rollouts.map((r) => r.outcome)).toEqual(['complete', 'complete']);
        const phases = new Map<string, PodPhase>();
        const readySince = new Map<string, number>();
        const instants = new Set<number>();
        for (const r of listener.records) if ('pod' in r) instants.add(r.at);
        for (const r of listener.records)
          if (r.kind === 'podPhaseChanged' && r.phase === 'Ready') instants.add(r.at + 2000);
        const times = [...instants].sort((a, b) => a - b);
        let next = 0;
        let checked = 0;
        for (const t of times) {
          while (next < listener.records.length && listener.records[next]!.at <= t) {
            const r = listener.records[next++]!;
            if (r.kind !== 'podCreated' && r.kind !== 'podPhaseChanged') continue;
            phases.set(r.pod, r.phase);
            if (r.phase === 'Ready') readySince.set(r.pod, r.at);
          }
          const during = rollouts.some((r) => r.startS * 1000 <= t && t <= r.endS! * 1000);
          if (!during) continue;
          let pods = 0;
          let available = 0;
          for (const [pod, phase] of phases) {
            if (ACTIVE.has(phase)) pods++;
            if (phase === 'Ready' && t >= readySince.get(pod)! + 2000) available++;
          }
          expect(pods, `pods at ${t} ms`).toBeLessThanOrEqual(maxPods);
          expect(available, `available at ${t} ms`).toBeGreaterThanOrEqual(minAvailable);
          checked++;
        }
        expect(checked).toBeGreaterThan(replicas);
        for (const r of rollouts) {
          expect(r.peakPods).toBeLessThanOrEqual(maxPods);
          expect(r.lowestAvailable).toBeGreaterThanOrEqual(minAvailable);
        }
      }
    });
  }
});
