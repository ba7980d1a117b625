import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  formatCpu,
  formatMemory,
  formatRate,
  parseScenario,
  printScenario,
} from '../../src/scenario/index.js';

const GOOD = new URL('../fixtures/good/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, GOOD), 'utf8');

describe('printScenario', () => {
  it.each(['shop.yaml', 'every-feature.yaml', 'argo-canary.yaml', 'argo-blue-green.yaml'])(
    'prints %s so that it parses back to the same scenario',
    (name) => {
      const scenario = parseScenario(read(name), name);
      const printed = printScenario(scenario);
      expect(parseScenario(printed, `printed ${name}`)).toEqual(scenario);
    },
  );

  // The model's fixtures hold what the shipped scenarios may not: a canary with its own
  // trafficRouting, versions, lifecycles, every kind of event.
  const MODEL = new URL('../model/', GOOD);
  it.each(readdirSync(MODEL).filter((name) => name.endsWith('.yaml')))(
    "prints the model's fixture %s so that it parses back to the same scenario",
    (name) => {
      const scenario = parseScenario(readFileSync(new URL(name, MODEL), 'utf8'), name);
      expect(parseScenario(printScenario(scenario), `printed ${name}`)).toEqual(scenario);
    },
  );

  const SCENARIOS = new URL('../../scenarios/', import.meta.url);
  it.each(readdirSync(SCENARIOS).filter((name) => name.endsWith('.yaml')))(
    'prints the shipped %s so that it parses back to the same scenario',
    (name) => {
      const scenario = parseScenario(readFileSync(new URL(name, SCENARIOS), 'utf8'), name);
      expect(parseScenario(printScenario(scenario), `printed ${name}`)).toEqual(scenario);
    },
  );

  it("prints an Argo Rollout's strategy without the Deployment's type and rollingUpdate, which it may not have", () => {
    const printed = printScenario(parseScenario(read('argo-canary.yaml'), 'argo-canary.yaml'));
    const strategies = (parse(printed) as { services: Record<string, { strategy: object }> })
      .services;
    for (const { strategy } of Object.values(strategies)) {
      expect(strategy).not.toHaveProperty('type');
      expect(strategy).not.toHaveProperty('rollingUpdate');
    }
    expect(strategies.cart?.strategy).toHaveProperty('canary.abortScaleDownDelaySeconds', 10);
  });

  it('prints thresholds as a scenario writes them: flat, or in all and variants sections', () => {
    const thresholds = (name: string) =>
      (parse(printScenario(parseScenario(read(name), name))) as { thresholds: unknown }).thresholds;
    expect(thresholds('argo-blue-green.yaml')).toEqual({
      availability: '> 99.5%',
      latency_p99_ms: '< 0.4s',
    });
    expect(thresholds('argo-canary.yaml')).toEqual({
      all: { availability: '> 99%', latency_p99_ms: '< 300ms' },
      variants: { large: { latency_p99_ms: '<= 250' } },
    });
  });

  it('prints the same text for the same scenario, and again for its own output', () => {
    const printed = printScenario(parseScenario(read('every-feature.yaml'), 'a.yaml'));
    expect(printScenario(parseScenario(read('every-feature.yaml'), 'b.yaml'))).toBe(printed);
    expect(printScenario(parseScenario(printed, 'printed.yaml'))).toBe(printed);
  });

  it('writes every default out, in human units, in the order of the schema', () => {
    const text = [
      'name: tiny',
      'services:',
      '  api:',
      '    endpoints:',
      '      get: { cpu: "lognormal(median=4ms, p99=30ms)" }',
      'workload:',
      '  - { name: users, arrivals: poisson, rate: 0.5, target: api.get }',
    ].join('\n');
    expect(printScenario(parseScenario(text, 'tiny.yaml'))).toBe(
      `# The resolved scenario: every default filled in, instance types resolved to their
# size and price. It parses back to the same scenario.
name: tiny
seed: 1
duration: 1m
warmup: 0
drain: 30s
cluster:
  zones:
    - a
  nodePools:
    - name: general
      cpu: 2
      memory: 8Gi
      pricePerHour: 0.096
      count: 3
      maxPods: 29
      kubeReserved:
        cpu: 70m
        memory: 574Mi
      systemReserved:
        cpu: 0
        memory: 0
      evictionHard: 100Mi
  cpuScheduler: cfs
  cpuCfsQuotaPeriod: 100ms
  network:
    sameZone: lognormal(median=0.2ms, p99=1ms)
    crossZone: lognormal(median=1ms, p99=4ms)
    ingress: 0
    crossZonePricePerGB:
      out: 0.01
      in: 0.01
  autoscaling:
    horizontalPodAutoscalerSyncPeriod: 15s
    horizontalPodAutoscalerTolerance: 0.1
    metricResolution: 15s
    scanInterval: 10s
    scaleDownUtilizationThreshold: 0.5
    scaleDownUnneededTime: 10m
    scaleDownDelayAfterAdd: 10m
  kubeProxyMode: iptables
  endpointPropagation: lognormal(median=1s, p99=5s)
  controlPlane:
    pricePerHour: 0.1
  provider: eks
  daemonSets: {}
  scheduler:
    scoringStrategy: LeastAllocated
    weights:
      NodeResourcesFit: 1
      NodeResourcesBalancedAllocation: 1
      PodTopologySpread: 2
mesh:
  strategy: none
  sidecar:
    resources:
      requests:
        cpu: 100m
        memory: 128Mi
      limits:
        cpu: 2
    workers: 2
    requestCpu: lognormal(median=0.04ms, p99=0.056ms)
    responseCpu: lognormal(median=0.04ms, p99=0.056ms)
    telemetryCpu: lognormal(median=0.117ms, p99=0.165ms)
    memory: 60Mi
  sidecarLight:
    resources:
      requests:
        cpu: 0
        memory: 0
      limits: {}
    workers: 2
    requestCpu: lognormal(median=0.014ms, p99=0.02ms)
    responseCpu: lognormal(median=0.014ms, p99=0.02ms)
    telemetryCpu: lognormal(median=0.076ms, p99=0.11ms)
    memory: 26Mi
  ztunnel:
    resources:
      requests:
        cpu: 200m
        memory: 512Mi
      limits: {}
    workers: 2
    requestCpu: lognormal(median=0.012ms, p99=0.018ms)
    responseCpu: lognormal(median=0.012ms, p99=0.018ms)
    telemetryCpu: lognormal(median=0.034ms, p99=0.05ms)
    memory: 12Mi
  waypoint:
    resources:
      requests:
        cpu: 100m
        memory: 128Mi
      limits:
        cpu: 2
    workers: 2
    requestCpu: lognormal(median=0.04ms, p99=0.056ms)
    responseCpu: lognormal(median=0.04ms, p99=0.056ms)
    telemetryCpu: lognormal(median=0.166ms, p99=0.235ms)
    memory: 60Mi
    replicas: 1
  gateway:
    resources:
      requests:
        cpu: 100m
        memory: 128Mi
      limits:
        cpu: 2
    workers: 2
    requestCpu: lognormal(median=0.04ms, p99=0.056ms)
    responseCpu: lognormal(median=0.04ms, p99=0.056ms)
    telemetryCpu: lognormal(median=0.117ms, p99=0.165ms)
    memory: 60Mi
  mtls:
    enabled: true
    roundTrips: 1
    handshakeCpu: lognormal(median=0.5ms, p99=1ms)
    reuseConnections: true
  controlPlane:
    debounceAfter: 100ms
    push: lognormal(median=100ms, p99=1s)
  telemetry: {}
services:
  api:
    replicas: 1
    resources:
      requests:
        cpu: 1
        memory: 128Mi
      limits: {}
    concurrency: 64
    queueLimit: 1024
    holdWorkerWhileWaiting: false
    loadBalancer: kube-proxy
    onClientGone: finish
    zoneAwareRouting: false
    clients: per-caller
    endpoints:
      get:
        cpu: lognormal(median=4ms, p99=30ms)
        errorRate: 0
        calls: []
        requestSize: 1500
        responseSize: 1500
workload:
  - name: users
    target: api.get
    arrivals: poisson
    rate: 30/m
outputs:
  window: 1s
`,
    );
  });
});

describe('quantities are written the way Kubernetes writes them, and read back exactly', () => {
  it.each([
    [2, 2],
    [0.5, '500m'],
    [1.5, '1500m'],
    [0.1, '100m'],
    [0.0001, 0.0001],
  ])('formatCpu(%d) is %j', (cores, text) => {
    expect(formatCpu(cores)).toBe(text);
  });

  it.each([
    [256 * 2 ** 20, '256Mi'],
    [1.5 * 2 ** 30, '1536Mi'],
    [2 ** 30, '1Gi'],
    [512e6, '512M'],
    [1024, '1Ki'],
    [1000, '1k'],
    [1_000_000_001, 1_000_000_001],
    [12, 12],
  ])('formatMemory(%d) is %j', (bytes, text) => {
    expect(formatMemory(bytes)).toBe(text);
  });

  it.each([
    [300, '300/s'],
    [0.5, '30/m'],
    [2 / 3600, '2/h'],
    [1 / 86_400, '1/d'],
    [0.3, '18/m'],
    [1 / 7, '0.14285714285714285/s'],
  ])('formatRate(%d) is %j', (perSecond, text) => {
    expect(formatRate(perSecond)).toBe(text);
  });
});
