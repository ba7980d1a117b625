import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';

/**
 * Every malformed scenario in test/fixtures/bad, with the exact text the loader reports:
 * one `FILE:LINE:COLUMN: PATH: MESSAGE` line per problem, sorted by position. The expected
 * text lives here, not in snapshot files, so a change to any message shows in review.
 */
const CASES: { fixture: string; expected: string[] }[] = [
  {
    fixture: 'bad-connection-age',
    expected: [
      'bad-connection-age.yaml:5:41: services.a.lifecycle.readinessProbe.timeoutSeconds: expected a whole number >= 1 and <= 3600, got 0',
      'bad-connection-age.yaml:5:49: services.a.lifecycle.readinessProbe.cpu: value: expected a duration with a unit (us, ms, s, m, h, d), like 250ms, 2s, 5m or 1m30s; got "-1ms"',
      'bad-connection-age.yaml:8:55: services.b.connections.maxConnectionAge: maxConnectionAge is a gRPC server option (grpc-go keepalive.ServerParameters): it needs protocol: grpc',
      'bad-connection-age.yaml:11:54: services.c.connections.maxConnectionAge: must be between 1s and 30d (leave it out for no limit)',
      'bad-connection-age.yaml:11:84: services.c.connections.maxConnectionAgeGrace: must be at most 30d (leave it out for no limit)',
      'bad-connection-age.yaml:14:59: services.d.connections.maxConnectionAgeGrace: maxConnectionAgeGrace counts from maxConnectionAge: set maxConnectionAge too',
    ],
  },
  {
    fixture: 'bad-kube-proxy-mode',
    expected: [
      'bad-kube-proxy-mode.yaml:3:18: cluster.kubeProxyMode: expected one of iptables, ipvs; got "nftables"; did you mean "iptables"?',
    ],
  },
  {
    fixture: 'bad-ipvs-shared-clients',
    expected: [
      'bad-ipvs-shared-clients.yaml:6:14: services.a.clients: with cluster.kubeProxyMode: ipvs, kube-proxy balances per node: use clients: per-caller (or leave clients out)',
    ],
  },
  {
    fixture: 'bad-client-connections',
    expected: [
      'bad-client-connections.yaml:5:18: services.a.connections: connections belong to a caller pod: use clients: per-caller (or leave clients out)',
      'bad-client-connections.yaml:8:30: services.b.connections.protocol: expected one of http1, http2, grpc; got "http3"',
      'bad-client-connections.yaml:8:53: services.b.connections.maxConnections: expected a whole number >= 1 and <= 100000, got 0',
    ],
  },
  {
    fixture: 'yaml-syntax',
    expected: [
      'yaml-syntax.yaml:2:14: (yaml): Nested mappings are not allowed in compact mappings',
    ],
  },
  {
    fixture: 'inconsistent-indentation',
    expected: [
      'inconsistent-indentation.yaml:6:1: (yaml): All mapping items must start at the same column',
    ],
  },
  {
    fixture: 'tab-indentation',
    expected: ['tab-indentation.yaml:4:1: (yaml): Tabs are not allowed as indentation'],
  },
  {
    fixture: 'tab-in-longer-file',
    expected: [
      'tab-in-longer-file.yaml:6:1: (yaml): Tabs are not allowed as indentation (fix this first: the 1 YAML error(s) after it may follow from it)',
    ],
  },
  {
    fixture: 'bad-service-name-and-field',
    expected: [
      'bad-service-name-and-field.yaml:3:3: services.Api: invalid name "Api": must be lowercase letters, digits and "-", starting with a letter',
      'bad-service-name-and-field.yaml:4:15: services.Api.replicas: expected a whole number >= 0, got -1',
    ],
  },
  {
    fixture: 'unknown-alias',
    expected: [
      'unknown-alias.yaml:4:16: (yaml): unknown alias "*small"; an anchor (&small) must come before its alias',
    ],
  },
  {
    fixture: 'comma-inside-flow-mapping',
    expected: [
      'comma-inside-flow-mapping.yaml:5:19: services.api.endpoints.get.cpu: inside { } or [ ] a comma ends a value, so this one reads "lognormal(median=4ms"; write it in quotes: "lognormal(median=4ms, p99=30ms)"',
    ],
  },
  {
    fixture: 'duplicate-key',
    expected: [
      'duplicate-key.yaml:7:5: services.api.replicas: duplicate key "replicas" (first given at line 4); a key may appear only once',
    ],
  },
  {
    fixture: 'empty-file',
    expected: [
      'empty-file.yaml:1:1: (root): the scenario is empty; it needs at least name, services and workload',
    ],
  },
  {
    fixture: 'typo-top-level',
    expected: ['typo-top-level.yaml:2:1: sedd: unknown field "sedd"; did you mean "seed"?'],
  },
  {
    fixture: 'typo-in-service',
    expected: [
      'typo-in-service.yaml:4:5: services.api.replcas: unknown field "replcas"; did you mean "replicas"?',
    ],
  },
  {
    fixture: 'typo-in-endpoint',
    expected: [
      'typo-in-endpoint.yaml:7:9: services.api.endpoints["GET /product"].erorRate: unknown field "erorRate"; did you mean "errorRate"?',
    ],
  },
  {
    fixture: 'typo-in-workload',
    expected: [
      'typo-in-workload.yaml:9:5: workload[0].rat: unknown field "rat"; did you mean "rate"?',
    ],
  },
  {
    fixture: 'typo-in-parallel-step',
    expected: [
      'typo-in-parallel-step.yaml:7:13: services.api.endpoints.get.calls[0].paralel: unknown field "paralel"; did you mean "parallel"?',
    ],
  },
  {
    fixture: 'unknown-field-without-suggestion',
    expected: [
      'unknown-field-without-suggestion.yaml:6:7: cluster.nodePools[0].spotPrice: unknown field "spotPrice"; allowed fields are name, instanceType, cpu, memory, pricePerHour, count, zones, maxPods, kubeReserved, systemReserved, evictionHard, autoscaling',
    ],
  },
  {
    fixture: 'missing-required-field',
    expected: ['missing-required-field.yaml:7:5: workload[0]: missing required field "rate"'],
  },
  {
    fixture: 'wrong-enum',
    expected: [
      'wrong-enum.yaml:8:15: workload[0].arrivals: expected one of poisson, constant, closed, trace; got "poison"; did you mean "poisson"?',
    ],
  },
  {
    fixture: 'unknown-profile-type',
    expected: [
      'unknown-profile-type.yaml:11:22: workload[0].profile.type: expected one of ramp, diurnal, onoff, mmpp; got "sine"',
    ],
  },
  {
    fixture: 'negative-replicas',
    expected: [
      'negative-replicas.yaml:4:15: services.api.replicas: expected a whole number >= 0, got -1',
    ],
  },
  {
    fixture: 'wrong-type',
    expected: [
      'wrong-type.yaml:4:15: services.api.replicas: expected a whole number >= 0, got "3"',
    ],
  },
  {
    fixture: 'yes-is-not-a-boolean',
    expected: [
      'yes-is-not-a-boolean.yaml:4:29: services.api.holdWorkerWhileWaiting: expected a boolean (true or false), got "yes"',
    ],
  },
  {
    fixture: 'invalid-service-name',
    expected: [
      'invalid-service-name.yaml:3:3: services.Catalog_API: invalid name "Catalog_API": must be lowercase letters, digits and "-", starting with a letter',
    ],
  },
  {
    fixture: 'duration-without-unit',
    expected: [
      'duration-without-unit.yaml:2:11: duration: expected a duration with a unit (us, ms, s, m, h, d), like 250ms, 2s, 5m or 1m30s; got 30',
    ],
  },
  {
    fixture: 'bad-cpu-quantity',
    expected: [
      'bad-cpu-quantity.yaml:5:24: services.api.resources.requests.cpu: expected a CPU quantity like 500m, 0.5 or 2 (cores); got "500mc"',
    ],
  },
  {
    fixture: 'bad-memory-quantity',
    expected: [
      'bad-memory-quantity.yaml:5:27: services.api.resources.requests.memory: expected a memory quantity like 256Mi, 1Gi or 512M; got "256MB"',
    ],
  },
  {
    fixture: 'bad-rate',
    expected: [
      'bad-rate.yaml:9:11: workload[0].rate: expected a rate like 300/s, 2/h or 18000/m (a plain number means per second); got "300/sec"',
    ],
  },
  {
    fixture: 'probability-above-one',
    expected: [
      'probability-above-one.yaml:7:44: services.api.endpoints.get.calls[0].probability: expected a probability between 0 and 1, or a percentage like 2.5%; got 1.5',
    ],
  },
  {
    fixture: 'unit-field-of-wrong-type',
    expected: [
      'unit-field-of-wrong-type.yaml:5:24: services.api.resources.requests.cpu: expected a CPU quantity like 500m, 0.5 or 2 (cores); got true',
      'unit-field-of-wrong-type.yaml:5:38: services.api.resources.requests.memory: expected a memory quantity like 256Mi, 1Gi or 512M; got a list',
    ],
  },
  {
    fixture: 'unknown-instance-type',
    expected: [
      'unknown-instance-type.yaml:5:21: cluster.nodePools[0].instanceType: unknown instance type "m5.medium"; expected one of t3.medium, t3.large, m5.large, m5.xlarge, m5.2xlarge, m5.4xlarge, m6g.large, m6g.xlarge, c5.large, c5.xlarge, c5.2xlarge, r5.large, r5.xlarge, or give cpu, memory and pricePerHour',
    ],
  },
  {
    fixture: 'unknown-distribution',
    expected: [
      'unknown-distribution.yaml:6:14: services.api.endpoints.get.cpu: unknown distribution "expo"; expected one of constant, exponential, uniform, normal, lognormal, gamma, erlang, weibull, pareto, empirical, mixture',
    ],
  },
  {
    fixture: 'several-errors',
    expected: [
      'several-errors.yaml:1:7: name: must be lowercase letters, digits and "-", starting with a letter; got "Shop"',
      'several-errors.yaml:2:11: duration: expected a duration with a unit (us, ms, s, m, h, d), like 250ms, 2s, 5m or 1m30s; got 10',
      'several-errors.yaml:5:15: services.api.replicas: expected a whole number >= 0, got 1.5',
      'several-errors.yaml:6:5: services.api.concurency: unknown field "concurency"; did you mean "concurrency"?',
      'several-errors.yaml:14:20: services.db.endpoints.query.errorRate: expected a probability between 0 and 1, or a percentage like 2.5%; got "150%"',
      'several-errors.yaml:18:12: workload[0].users: expected a whole number >= 1, got 0',
      'several-errors.yaml:20:5: workload[1]: missing required field "arrivals"',
    ],
  },
  {
    fixture: 'empty-services',
    expected: [
      'empty-services.yaml:2:11: services: needs at least one service',
      'empty-services.yaml:4:59: workload[0].target: unknown service "api"',
    ],
  },
  {
    fixture: 'call-to-unknown-service',
    expected: [
      'call-to-unknown-service.yaml:6:17: services.frontend.endpoints.get.calls[0]: unknown service "catlog"; did you mean "catalog"?',
    ],
  },
  {
    fixture: 'call-to-unknown-endpoint',
    expected: [
      'call-to-unknown-endpoint.yaml:7:13: services.frontend.endpoints.get.calls[0]: service "catalog" has no endpoint "list"; its endpoints are get, put',
    ],
  },
  {
    fixture: 'call-cycle',
    expected: [
      'call-cycle.yaml:15:24: services.pricing.endpoints.quote.calls[0].parallel[0]: call cycle: catalog.get → pricing.quote → catalog.get',
    ],
  },
  {
    fixture: 'mix-names-unknown-endpoint',
    expected: [
      'mix-names-unknown-endpoint.yaml:13:7: workload[0].mix["frontend.POST /chekout"]: service "frontend" has no endpoint "POST /chekout"; did you mean "POST /checkout"?',
    ],
  },
  {
    fixture: 'mix-and-target',
    expected: ['mix-and-target.yaml:7:5: workload[0]: give either target or mix, not both'],
  },
  {
    fixture: 'trace-file-and-values',
    expected: [
      'trace-file-and-values.yaml:11:7: workload[0].trace: give either file or values, not both',
    ],
  },
  {
    fixture: 'pod-fits-no-node',
    expected: [
      "pod-fits-no-node.yaml:7:5: services.api: a pod requests 4 CPU and 256Mi but the most a node offers pods is 1930m CPU (a node's allocatable, less its DaemonSets' requests)",
    ],
  },
  {
    fixture: 'limit-below-request',
    expected: [
      'limit-below-request.yaml:6:22: services.api.resources.limits.cpu: the CPU limit (250m) is below the request (500m); it must be at least the request',
      'limit-below-request.yaml:6:36: services.api.resources.limits.memory: the memory limit (256Mi) is below the request (512Mi); it must be at least the request',
    ],
  },
  {
    fixture: 'unknown-zone',
    expected: [
      'unknown-zone.yaml:5:68: cluster.nodePools[0].zones[1]: unknown zone "us-east-1c"; the cluster\'s zones are us-east-1a, us-east-1b',
    ],
  },
  {
    fixture: 'zone-twice',
    expected: [
      'zone-twice.yaml:3:10: cluster.zones: each zone at most once; "us-east-1a" is listed twice',
      'zone-twice.yaml:5:55: cluster.nodePools[0].zones: each zone at most once; "us-east-1b" is listed twice',
    ],
  },
  {
    fixture: 'warmup-not-shorter-than-duration',
    expected: [
      'warmup-not-shorter-than-duration.yaml:3:9: warmup: warmup (90s) must be shorter than duration (1m)',
    ],
  },
  {
    fixture: 'zero-think-time',
    expected: [
      'zero-think-time.yaml:7:59: workload[0].thinkTime: a closed-loop think time must be > 0 on average, like exponential(mean=1s)',
    ],
  },
  {
    fixture: 'zero-cpu-pod',
    expected: [
      'zero-cpu-pod.yaml:5:24: services.api.resources.requests.cpu: a pod needs CPU > 0 to serve requests (its capacity is limits.cpu, or requests.cpu without a limit)',
    ],
  },
  {
    fixture: 'lognormal-p99-below-median',
    expected: [
      'lognormal-p99-below-median.yaml:6:14: services.api.endpoints.get.cpu: lognormal: p99 must be a finite number > median (40), got 30 (durations in ms)',
    ],
  },
  {
    fixture: 'bad-node-and-byte-fields',
    expected: [
      'bad-node-and-byte-fields.yaml:3:13: cluster.provider: expected one of eks, gke, aks, none; got "azure"',
      'bad-node-and-byte-fields.yaml:5:57: cluster.nodePools[0].maxPods: expected a whole number >= 1 and <= 1000, got 0',
      'bad-node-and-byte-fields.yaml:7:5: cluster.daemonSets.Logs: invalid name "Logs": must be lowercase letters, digits and "-", starting with a letter',
      'bad-node-and-byte-fields.yaml:9:35: cluster.scheduler.weights.PodTopologySpread: expected a whole number >= 0 and <= 100, got 101',
      'bad-node-and-byte-fields.yaml:11:33: cluster.network.crossZonePricePerGB.out: expected a number >= 0 and <= 1, got 2',
      'bad-node-and-byte-fields.yaml:14:23: services.api.zoneAwareRouting: expected a boolean (true or false), got "yes"',
      'bad-node-and-byte-fields.yaml:16:27: services.api.endpoints.get.requestSize: value: expected a size in bytes like 1500, 1.5k, 10Ki or 2Mi (k = 1000, Ki = 1024); got "10KB"',
      'bad-node-and-byte-fields.yaml:16:47: services.api.endpoints.get.responseSize: p99: expected a size in bytes like 1500, 1.5k, 10Ki or 2Mi (k = 1000, Ki = 1024); got "2ms"',
    ],
  },
  {
    fixture: 'nodes-too-small',
    expected: [
      "nodes-too-small.yaml:4:7: cluster.nodePools[0]: kubeReserved and systemReserved CPU (2500m + 0) leave nothing of the node's 2 CPU for pods",
      'nodes-too-small.yaml:7:5: cluster.daemonSets: the DaemonSets\' 3 pods on each node of pool "tiny" leave no room for other pods under its maxPods of 2',
      `nodes-too-small.yaml:8:61: cluster.daemonSets.logs.cpuUsage: the DaemonSets use 3125m CPU on each node, all of pool "tiny"'s 1930m allocatable: its pods would get none`,
      'nodes-too-small.yaml:14:28: services.api.endpoints.get.responseSize: pareto: shape must be > 1 for sizes, got 1: with shape <= 1 the mean is infinite, so no queue it feeds is stable and no average of it settles',
    ],
  },
  {
    fixture: 'several-semantic-errors',
    expected: [
      'several-semantic-errors.yaml:3:9: warmup: warmup (5m) must be shorter than duration (5m)',
      "several-semantic-errors.yaml:6:5: services.frontend: a pod requests 1 CPU and 64Gi but the most a node offers pods is 7518Mi of memory (a node's allocatable, less its DaemonSets' requests)",
      'several-semantic-errors.yaml:10:30: services.frontend.endpoints["GET /"].calls[1]: call cycle: frontend.GET / → frontend.GET /',
      'several-semantic-errors.yaml:14:17: services.catalog.endpoints.get.calls[0]: unknown service "pricing"; the services are frontend, catalog',
      'several-semantic-errors.yaml:19:35: workload[0].mix["catalog.list"]: service "catalog" has no endpoint "list"; its endpoints are get',
      'several-semantic-errors.yaml:20:5: workload[1]: missing the entry endpoint: give target (one endpoint) or mix (several, weighted)',
      'several-semantic-errors.yaml:20:11: workload[1].name: duplicate workload name "users" (also workload[0])',
    ],
  },
  {
    fixture: 'events-without-one-action',
    expected: [
      'events-without-one-action.yaml:9:5: events[0]: give one action: scale, setTemplate, addNodes, removeNodes, deletePod, crashPod, setPolicy, setRouting, breakPod, rollout, rollback, promote, abort',
      'events-without-one-action.yaml:10:5: events[1]: give one action per event, not scale and crashPod',
      'events-without-one-action.yaml:14:38: events[2].scale.replicas: expected a whole number >= 0 and <= 10000, got -1',
      'events-without-one-action.yaml:16:40: events[3].breakPod.errorRate: expected a probability between 0 and 1, or a percentage like 2.5%; got "150%"',
    ],
  },
  {
    fixture: 'deployment-strategy',
    expected: [
      'deployment-strategy.yaml:4:63: services.web.strategy.rollingUpdate.maxUnavailable: may not be 0 when maxSurge is 0: the rollout could never proceed',
      'deployment-strategy.yaml:7:64: services.api.strategy.rollingUpdate.maxUnavailable: must not be greater than 100%',
      'deployment-strategy.yaml:7:99: services.api.strategy.progressDeadlineSeconds: expected a whole number >= 1 and <= 86400, got 0',
      'deployment-strategy.yaml:10:48: services.db.strategy.rollingUpdate: may not be given when type is Recreate (Kubernetes refuses it): remove it, or use type RollingUpdate',
    ],
  },
  {
    fixture: 'deployment-events',
    expected: [
      'deployment-events.yaml:11:35: events[0].rollout.service: unknown service "wbe"; did you mean "web"?',
      'deployment-events.yaml:12:35: events[1].rollout.service: service "api" declares versions side by side (one ReplicaSet each): a rollout or rollback needs a service run by one Deployment, without versions',
      'deployment-events.yaml:13:36: events[2].rollback.service: service "api" declares versions side by side (one ReplicaSet each): a rollout or rollback needs a service run by one Deployment, without versions',
      'deployment-events.yaml:14:66: events[3].rollout.endpoints.put: service "web" has no endpoint "put"; did you mean "get"?',
      'deployment-events.yaml:15:38: events[4].rollback.service: no rollout of "web" before 500ms: there is no earlier revision to roll back to (Kubernetes: "no rollout history found"); add a rollout event before it, or drop the rollback',
    ],
  },
  {
    fixture: 'mesh-out-of-bounds',
    expected: [
      'mesh-out-of-bounds.yaml:4:23: mesh.sidecar.workers: expected a whole number >= 1 and <= 64, got 0',
      'mesh-out-of-bounds.yaml:4:34: mesh.sidecar.memory: must be at most 1Ti',
      'mesh-out-of-bounds.yaml:5:34: mesh.controlPlane.debounceAfter: expected a duration with a unit (us, ms, s, m, h, d), like 250ms, 2s, 5m or 1m30s; got "-1s"',
      'mesh-out-of-bounds.yaml:5:45: mesh.controlPlane.push: expected a string, a number or a mapping (field: value), got a list',
      'mesh-out-of-bounds.yaml:10:19: services.api.trafficPolicy.retries.attempts: expected a whole number >= 0 and <= 100, got 101',
      'mesh-out-of-bounds.yaml:11:18: services.api.trafficPolicy.retries.retryOn: at most 8 conditions, each once',
      'mesh-out-of-bounds.yaml:12:47: services.api.trafficPolicy.outlierDetection.maxEjectionPercent: expected a percent from 0 to 100, like 10 or 10%; got 150',
      'mesh-out-of-bounds.yaml:12:62: services.api.trafficPolicy.outlierDetection.interval: must be a duration > 0',
      'mesh-out-of-bounds.yaml:12:66: services.api.trafficPolicy.outlierDetection.ejectAll: unknown field "ejectAll"; allowed fields are consecutive5xxErrors, consecutiveGatewayErrors, interval, baseEjectionTime, maxEjectionTime, maxEjectionPercent, alwaysEjectOneHost, minHealthPercent',
    ],
  },
  {
    fixture: 'mesh-sidecar-misfit',
    expected: [
      "mesh-sidecar-misfit.yaml:4:37: mesh.ztunnel.resources.requests: ambient's ztunnel runs on every node: a pod requests 64 CPU and 512Mi but the most a node offers pods is 1930m CPU (a node's allocatable, less its DaemonSets' requests)",
      "mesh-sidecar-misfit.yaml:7:5: services.api: a pod requests 2 CPU and 256Mi (its sidecar's 100m CPU and 128Mi included: mesh.sidecar.resources.requests) but the most a node offers pods is 1930m CPU (a node's allocatable, less its DaemonSets' requests)",
    ],
  },
  {
    fixture: 'events-unknown-names',
    expected: [
      'events-unknown-names.yaml:10:9: events[0].at: must be before duration (30s): events act while requests arrive',
      'events-unknown-names.yaml:11:23: events[0].scale.service: unknown service "apu"; did you mean "api"?',
      'events-unknown-names.yaml:13:23: events[1].addNodes.pool: unknown node pool "genral"; did you mean "general"?',
      'events-unknown-names.yaml:15:16: events[2].deletePod: "web-0" names no pod: pods are named <service>-<n>, like api-0',
      'events-unknown-names.yaml:17:60: events[3].setTemplate.endpoints.gte: service "api" has no endpoint "gte"; did you mean "get"?',
      'events-unknown-names.yaml:19:22: events[4].breakPod.pod: "web-1" names no pod: pods are named <service>-<n>, like api-0',
    ],
  },
];

const BAD = new URL('../fixtures/bad/', import.meta.url);

function errorFrom(fixture: string): unknown {
  const file = `${fixture}.yaml`;
  try {
    parseScenario(readFileSync(new URL(file, BAD), 'utf8'), file);
  } catch (error) {
    return error;
  }
  throw new Error(`${file} parsed without an error`);
}

describe('a malformed scenario is rejected with every problem located and explained', () => {
  it.each(CASES)('$fixture', ({ fixture, expected }) => {
    const error = errorFrom(fixture);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toBe(expected.join('\n'));
  });

  it('has an expected message for every fixture in test/fixtures/bad', () => {
    const fixtures = readdirSync(BAD)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.slice(0, -'.yaml'.length));
    expect(CASES.map((c) => c.fixture).sort()).toEqual(fixtures.sort());
  });
});
