import { z } from 'zod';
import { thresholdsSchema } from '../report/thresholds.js';
import {
  clusterAutoscalingSettings,
  poolAutoscaling,
  serviceAutoscaling,
} from './autoscaling-schema.js';
import { clientRetrySchema } from './client-retry-schema.js';
import {
  computeField,
  fargateClusterSchema,
  replicasField,
  withRightSizing,
} from './compute-schema.js';
import { deploymentStrategySchema } from './deployment-schema.js';
import { faultsSchema, steadyStateSchema } from './fault-schema.js';
import {
  cpu,
  distribution,
  dnsLabel,
  duration,
  fraction,
  memory,
  nonNegativeInt,
  positiveDuration,
  positiveInt,
  rate,
  sizeDistribution,
} from './fields.js';
import { FUNCTION_ENDPOINT, functionsSchema, serverlessAccountSchema } from './function-schema.js';
import { INSTANCE_TYPES } from './instance-types.js';
import { allocatableOf, PROVIDERS, providerReservations } from './managed-kubernetes.js';
import { meshSchema, serviceMeshSchema } from './mesh-schema.js';
import { pipelinesSchema } from './pipeline-schema.js';
import { pricingSchema } from './pricing-schema.js';
import { queuesSchema } from './queue-schema.js';
import {
  cohortsSchema,
  routingSchema,
  setRoutingSchema,
  versionsSchema,
  withVersionReplicas,
} from './routing-schema.js';
import { sweepSchema } from './sweep-schema.js';
import { checkUntaggedItem } from './tagged-union.js';
import { trafficPolicySchema } from './traffic-policy-schema.js';
import { crossZonePrices } from './transfer-prices.js';

export { distribution } from './fields.js';

/**
 * The scenario schema: the single source of truth for the scenario's TypeScript types, its
 * defaults and its validation. Inputs use human units (250ms, 500m, 256Mi, 300/s, 2.5%);
 * the parsed Scenario holds engine units: milliseconds, cores, bytes, per second, fractions.
 * Field names follow Kubernetes and Istio where users know them. Every object is strict:
 * an unknown field is an error (with a did-you-mean from the loader).
 */

// ── cluster ────────────────────────────────────────────────────────────────────────────

/** A kubelet reservation: either resource may be left to the provider's default. */

/** No zone written twice (one listed twice would weigh double in the spread). */
function eachZoneOnce(zones: readonly string[], context: z.RefinementCtx): void {
  const twice = zones.find((zone, index) => zones.indexOf(zone) !== index);
  if (twice !== undefined)
    context.addIssue({
      code: 'custom',
      message: `each zone at most once; ${JSON.stringify(twice)} is listed twice`,
    });
}

const reservedResources = z.strictObject({
  cpu: cpu.optional().describe('cores, like 70m'),
  memory: memory.optional().describe('bytes, like 574Mi'),
});

const nodePool = z
  .strictObject({
    name: dnsLabel.describe('pool name; nodes are named <pool>-<i>'),
    instanceType: z
      .string()
      .optional()
      .describe(`one of ${Object.keys(INSTANCE_TYPES).join(', ')}`),
    cpu: cpu.optional().describe('cores per node; overrides the instance type'),
    memory: memory.optional().describe('memory per node; overrides the instance type'),
    pricePerHour: z
      .number()
      .min(0)
      .optional()
      .describe('USD per node-hour; overrides the instance type'),
    count: nonNegativeInt.default(3).describe('nodes in the pool'),
    zones: z
      .array(z.string())
      .min(1)
      .superRefine(eachZoneOnce)
      .optional()
      .describe('zones the nodes spread over (default: all)'),
    // What each node keeps from pods (docs/nodes.md); defaults by cluster.provider.
    maxPods: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        "most pods per node, DaemonSet pods included (default: the provider's; EKS: ENIs × (IPv4 per ENI − 1) + 2, 29 for an m5.large; GKE and none: 110; AKS: 250)",
      ),
    kubeReserved: reservedResources
      .optional()
      .describe(
        "CPU and memory kept for the kubelet and container runtime (default: the provider's formula; EKS m5.large: 70m, 574Mi)",
      ),
    systemReserved: reservedResources
      .optional()
      .describe('CPU and memory kept for the operating system (default: none, as EKS, GKE, AKS)'),
    evictionHard: memory
      .optional()
      .describe(
        'memory.available hard eviction threshold, kept from pods (default: 100Mi; none: 0)',
      ),
    autoscaling: poolAutoscaling,
  })
  .transform((pool, ctx) => {
    const known = pool.instanceType === undefined ? undefined : INSTANCE_TYPES[pool.instanceType];
    if (pool.instanceType !== undefined && known === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['instanceType'],
        message: `unknown instance type "${pool.instanceType}"; expected one of ${Object.keys(INSTANCE_TYPES).join(', ')}, or give cpu, memory and pricePerHour`,
      });
      return z.NEVER;
    }
    const cpuCores = pool.cpu ?? known?.cpu;
    const memoryBytes = pool.memory ?? known?.memoryBytes;
    const pricePerHourUsd = pool.pricePerHour ?? known?.pricePerHourUsd;
    if (cpuCores === undefined || memoryBytes === undefined || pricePerHourUsd === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'give an instanceType, or all of cpu, memory and pricePerHour',
      });
      return z.NEVER;
    }
    return {
      name: pool.name,
      count: pool.count,
      zones: pool.zones,
      cpuCores,
      memoryBytes,
      pricePerHourUsd,
      instanceType: pool.instanceType,
      maxPods: pool.maxPods,
      kubeReserved: pool.kubeReserved,
      systemReserved: pool.systemReserved,
      evictionHard: pool.evictionHard,
      autoscaling: pool.autoscaling,
    };
  });

const network = z.strictObject({
  sameZone: distribution
    .prefault('lognormal(median=0.2ms, p99=1ms)')
    .describe('one-way latency of a hop within a zone'),
  crossZone: distribution
    .prefault('lognormal(median=1ms, p99=4ms)')
    .describe('one-way latency of a hop across zones'),
  ingress: distribution
    .prefault('0ms')
    .describe('one-way latency from a client to the entry service'),
  crossZonePricePerGB: z
    .strictObject({
      out: z.number().min(0).max(1).describe('USD per GB (10^9 bytes) sent to another zone'),
      in: z.number().min(0).max(1).describe('USD per GB received from another zone'),
    })
    .optional()
    .describe(
      "what a byte crossing zones costs, billed on each side (default: the provider's; EKS 0.01 out and 0.01 in, GKE 0.01 per GiB out, AKS and none 0)",
    ),
});

/** Agents every node runs (a CNI, kube-proxy, a log shipper): their requests come off each node. */
const daemonSet = z
  .strictObject({
    requests: z
      .strictObject({
        cpu: cpu.prefault('0').describe('CPU request of its pod on each node'),
        memory: memory.prefault('0').describe('memory request of its pod on each node'),
      })
      .prefault({}),
    cpuUsage: cpu
      .optional()
      .describe(
        'CPU it uses on each node, a constant background load in cores (default: its CPU request)',
      ),
  })
  .transform((d) => ({ requests: d.requests, cpuUsage: d.cpuUsage ?? d.requests.cpu }));

const schedulerWeight = z.number().int().min(0).max(100);

const clusterFields = z.strictObject({
  zones: z
    .array(z.string().min(1))
    .min(1)
    .superRefine(eachZoneOnce)
    .default(['a'])
    .describe('availability zones'),
  nodePools: z
    .array(nodePool)
    .min(1)
    .prefault([{ name: 'general', instanceType: 'm5.large', count: 3 }]),
  cpuScheduler: z
    .enum(['cfs', 'fifo'])
    .default('cfs')
    .describe(
      "how a node's CPU is shared: cfs (Linux: time-shared by CPU request, limits as quotas) or fifo (bursts queue for whole cores, limits as cores of their own: textbook queueing)",
    ),
  cpuCfsQuotaPeriod: duration
    .prefault('100ms')
    .refine((ms) => ms >= 1 && ms <= 1000, {
      error: (issue) => `must be between 1ms and 1s, as the kubelet allows; got ${issue.input}ms`,
    })
    .describe(
      "the CFS quota period (the kubelet's cpuCFSQuotaPeriod): a limit allows limit × period of CPU per period",
    ),
  network: network.prefault({}).describe('network latency between pods and from clients'),
  autoscaling: clusterAutoscalingSettings,
  fargate: fargateClusterSchema,
  kubeProxyMode: z
    .enum(['iptables', 'ipvs'])
    .default('iptables')
    .describe(
      "kube-proxy's mode for Services with loadBalancer: kube-proxy: iptables (a uniformly random ready pod per new connection) or ipvs (IPVS's default scheduler rr: round-robin per new connection, one state per node that the callers on it share; such services then get per-caller clients)",
    ),
  endpointPropagation: distribution
    .prefault('lognormal(median=1s, p99=5s)')
    .describe(
      "from a change of a service's EndpointSlice to a per-caller client's view of it (kube-proxy's iptables sync, min-sync-period 1s; a mesh's xDS push), drawn per view and change",
    ),
  controlPlane: z
    .strictObject({
      pricePerHour: z.number().min(0).default(0.1).describe('USD per hour (EKS: 0.10)'),
    })
    .prefault({}),
  // Nodes as clouds sell them, and kube-scheduler's default scoring (docs/nodes.md).
  provider: z
    .enum(PROVIDERS)
    .default('eks')
    .describe(
      'whose node reservations, max pods and cross-zone prices apply: eks, gke, aks, or none (the whole node allocatable, nothing billed per byte)',
    ),
  daemonSets: z
    .record(z.string(), daemonSet)
    .superRefine(checkServiceNames, { when: () => true })
    .default({})
    .describe('agents with a pod on every node; their requests reduce what pods can be scheduled'),
  scheduler: z
    .strictObject({
      scoringStrategy: z
        .enum(['LeastAllocated', 'MostAllocated'])
        .default('LeastAllocated')
        .describe(
          'NodeResourcesFit: prefer the emptiest node (spread) or the fullest (bin packing)',
        ),
      weights: z
        .strictObject({
          NodeResourcesFit: schedulerWeight.default(1).describe('0-100; 0 turns the score off'),
          NodeResourcesBalancedAllocation: schedulerWeight
            .default(1)
            .describe('0-100; prefers nodes whose CPU and memory are equally used'),
          PodTopologySpread: schedulerWeight
            .default(2)
            .describe('0-100; the default soft constraints: maxSkew 3 by hostname, 5 by zone'),
        })
        .prefault({})
        .describe("kube-scheduler's default score plugin weights"),
    })
    .prefault({})
    .describe(
      "how pods are placed: kube-scheduler's default scoring; ties go to a node drawn at random",
    ),
});

/**
 * Resolves every pool's reservations from the provider (a pool's own values win) and its
 * allocatable CPU and memory, and the cross-zone prices: the model reads them as numbers.
 */
function resolveNodes(c: z.output<typeof clusterFields>) {
  const nodePools = c.nodePools.map(({ instanceType, ...pool }) => {
    const capacity = { cpuCores: pool.cpuCores, memoryBytes: pool.memoryBytes, instanceType };
    const defaults = providerReservations(c.provider, capacity, pool.maxPods);
    const reserved = {
      maxPods: defaults.maxPods,
      kubeReserved: { ...defaults.kubeReserved, ...definedOnly(pool.kubeReserved) },
      systemReserved: { ...defaults.systemReserved, ...definedOnly(pool.systemReserved) },
      evictionHard: pool.evictionHard ?? defaults.evictionHard,
    };
    return { ...pool, ...reserved, allocatable: allocatableOf(capacity, reserved) };
  });
  const crossZonePricePerGB = c.network.crossZonePricePerGB ?? crossZonePrices(c.provider);
  return { ...c, nodePools, network: { ...c.network, crossZonePricePerGB } };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const cluster = clusterFields.transform(resolveNodes);

// ── services ───────────────────────────────────────────────────────────────────────────

/** `service.endpoint`: the service name is a DNS label, so the first dot splits them. */
export const callTarget = z
  .string()
  .regex(
    /^[a-z]([-a-z0-9]*[a-z0-9])?(\..+)?$/,
    'must be "service.endpoint", like catalog.get, or a function\'s name',
  )
  .transform((ref) => {
    const dot = ref.indexOf('.');
    // A bare name calls a function (issue 13): its one endpoint is `invoke`.
    if (dot < 0) return { service: ref, endpoint: FUNCTION_ENDPOINT };
    return { service: ref.slice(0, dot), endpoint: ref.slice(dot + 1) };
  });

const call = z
  .union([
    callTarget,
    z.strictObject({
      call: callTarget,
      probability: fraction.prefault(1).describe('chance the call is made'),
      timeout: positiveDuration
        .optional()
        .describe(
          "the caller's own client timeout for this call (its gRPC deadline, its HTTP client's timeout): past it the call fails with deadline_exceeded and the caller fails with it (default: none)",
        ),
    }),
  ])
  .transform((c) =>
    'call' in c
      ? {
          ...c.call,
          probability: c.probability,
          ...(c.timeout === undefined ? {} : { timeout: c.timeout }),
        }
      : { ...c, probability: 1 },
  );

const step = z.union([
  call.transform((c) => ({ kind: 'call' as const, ...c })),
  z
    .strictObject({
      parallel: z.array(call).min(1).describe('calls made at once; the step waits for all'),
    })
    .transform((p) => ({ kind: 'parallel' as const, branches: p.parallel })),
]);

const endpoint = z.strictObject({
  cpu: distribution.prefault('1ms').describe('CPU time per request at full speed of one core'),
  errorRate: fraction
    .prefault(0)
    .describe('probability the endpoint fails with 500 after its CPU work'),
  calls: z
    .array(step)
    .default([])
    .describe(
      `downstream calls, in sequence; each step is "service.endpoint", { call: service.endpoint, probability: 30%, timeout: 50ms } (timeout: the caller's own client timeout, past it the call fails with deadline_exceeded; default none), or { parallel: [calls] } (waits for all)`,
    ),
  // The network's bytes (docs/nodes.md): the default is the median RPC Google measured.
  requestSize: sizeDistribution
    .prefault('1.5k')
    .describe('bytes of a call to this endpoint, as sent by the caller (default 1.5k)'),
  responseSize: sizeDistribution
    .prefault('1.5k')
    .describe('bytes of its successful response (default 1.5k; a failure responds with 0)'),
});

const loadBalancer = z
  .enum(['kube-proxy', 'round-robin', 'random', 'least-request', 'peak-ewma'])
  .default('kube-proxy')
  .describe(
    "kube-proxy (iptables mode: a uniformly random ready pod), round-robin, random, least-request (power of two choices), peak-ewma (power of two choices on each caller's peak-EWMA latency × pending requests, Linkerd's default; callers get their own clients)",
  );

// Pod lifecycles (docs/lifecycle.md): Kubernetes' names, in Kubernetes' units where it has them.
const seconds = (max: number) => z.number().int().min(0).max(max);
const readinessProbe = z.strictObject({
  initialDelaySeconds: seconds(86_400)
    .optional()
    .describe('seconds after the container starts before probes count (default 0)'),
  periodSeconds: seconds(86_400).min(1).optional().describe('seconds between probes (default 10)'),
  successThreshold: seconds(1000)
    .min(1)
    .optional()
    .describe('consecutive successes that make the pod ready (default 1)'),
  failureThreshold: seconds(1000)
    .min(1)
    .optional()
    .describe('consecutive failures that make a ready pod not ready (default 3)'),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(3600)
    .optional()
    .describe(
      'seconds the kubelet waits for the answer; a probe not answered by then (its pod busy, its queue long) fails (default 1)',
    ),
  cpu: distribution
    .optional()
    .describe(
      'CPU time the application spends answering one probe (default 1ms); the probe needs a worker slot like a call (docs/lifecycle.md)',
    ),
});

const podLifecycle = z.strictObject({
  imagePull: distribution
    .optional()
    .describe(
      "time to pull the pod's image on a node that does not have it yet (default 5s; cached per node after the first pull)",
    ),
  containerStart: distribution
    .optional()
    .describe('time from the image being there to the container running (default 1s)'),
  readinessProbe: readinessProbe
    .optional()
    .describe(
      "an HTTP readiness probe the application answers: every periodSeconds, a request that needs a worker slot and CPU; failing ones take the pod out of the endpoints (Kubernetes' defaults). Without one, a started pod is ready at once and stays ready",
    ),
  minReadySeconds: seconds(86_400)
    .optional()
    .describe('seconds a pod must be ready before it counts as available (default 0)'),
  preStop: duration
    .optional()
    .describe('the preStop hook: time a terminating pod still serves before SIGTERM (default 0)'),
  terminationGracePeriodSeconds: seconds(86_400)
    .optional()
    .describe('seconds from deletion until what is still running is cut with a reset (default 30)'),
});

// How callers reach the service (docs/architecture.md, "Clients").
const clients = z
  .enum(['shared', 'per-caller'])
  .default('per-caller')
  .describe(
    'per-caller (default): each caller pod (and the ingress) has its own client, with its own view of the endpoints (cluster.endpointPropagation behind), balancer state and connections, as every kube-proxy and every sidecar is separate; shared: the old approximation, one balancer for all callers that sees pod changes at once (no connections)',
  );

const connections = z
  .strictObject({
    protocol: z
      .enum(['http1', 'http2', 'grpc'])
      .default('http1')
      .describe(
        'http1: one request per connection at a time; http2 and grpc: every request a stream on one connection',
      ),
    maxConnections: positiveInt
      .max(100_000)
      .default(1024)
      .describe(
        "http1: most connections a caller opens to one pod (kube-proxy: to the Service's IP); a call finding all busy waits (default 1024, Envoy's max_connections)",
      ),
    idleTimeout: positiveDuration
      .prefault('1h')
      .describe("an idle connection is closed after this (default 1h, Envoy's idle_timeout)"),
    maxConnectionAge: duration
      .refine(
        (ms) => ms >= 1000 && ms <= 30 * 86_400_000,
        'must be between 1s and 30d (leave it out for no limit)',
      )
      .optional()
      .describe(
        "grpc: this service's servers close each connection after this age, +/-10% jitter (grpc-go keepalive.ServerParameters.MaxConnectionAge, default infinite): it takes no new streams, its streams finish, and the caller opens a new one, which kube-proxy may place on another pod",
      ),
    maxConnectionAgeGrace: duration
      .refine((ms) => ms <= 30 * 86_400_000, 'must be at most 30d (leave it out for no limit)')
      .optional()
      .describe(
        'grpc: after maxConnectionAge, streams still open after this are cut with a reset (MaxConnectionAgeGrace, default infinite)',
      ),
  })
  .superRefine((c, ctx) => {
    for (const field of ['maxConnectionAge', 'maxConnectionAgeGrace'] as const)
      if (c[field] !== undefined && c.protocol !== 'grpc')
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} is a gRPC server option (grpc-go keepalive.ServerParameters): it needs protocol: grpc`,
        });
    if (c.maxConnectionAgeGrace !== undefined && c.maxConnectionAge === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['maxConnectionAgeGrace'],
        message: 'maxConnectionAgeGrace counts from maxConnectionAge: set maxConnectionAge too',
      });
  })
  .describe(
    "callers' connections: opening one costs a network round trip; kube-proxy picks the pod per new connection, so long-lived connections pin load; other load balancers pick per request and keep a pool per pod",
  );

const service = z
  .strictObject({
    replicas: replicasField,
    autoscaling: serviceAutoscaling,
    compute: computeField,
    versions: versionsSchema.optional(),
    resources: z
      .strictObject({
        requests: z
          .strictObject({ cpu: cpu.prefault('1'), memory: memory.prefault('128Mi') })
          .prefault({}),
        limits: z.strictObject({ cpu: cpu.optional(), memory: memory.optional() }).prefault({}),
      })
      .prefault({}),
    concurrency: positiveInt.default(64).describe('worker slots per pod'),
    queueLimit: nonNegativeInt
      .default(1024)
      .describe('requests that may wait for a worker; beyond, 503'),
    holdWorkerWhileWaiting: z
      .boolean()
      .default(false)
      .describe('true: thread-per-request, a worker is held while waiting on downstream calls'),
    loadBalancer,
    onClientGone: z
      .enum(['finish', 'cancel'])
      .default('finish')
      .describe(
        "what its pods do with a call whose caller gave up (a call step's timeout, the workload's timeout, a caller cancelled in turn): finish (default: the server never learns, as an HTTP/1.1 server without a mesh) or cancel (the deadline or stream reset reaches it, as with gRPC: the call leaves the worker queue, its CPU burst stops and frees the core, its own calls are given up in turn)",
      ),
    zoneAwareRouting: z
      .boolean()
      .default(false)
      .describe(
        "callers prefer this service's pods in their own zone while that zone has capacity: its share of the ready pods is at least its share of the caller's pods (Envoy's zone aware routing); the rest spills to zones with spare share",
      ),
    clients,
    connections: connections.optional(),
    endpoints: z
      .record(z.string().min(1), endpoint)
      .refine((e) => Object.keys(e).length > 0, 'needs at least one endpoint'),
    lifecycle: podLifecycle
      .optional()
      .describe(
        "how its pods start, become ready and terminate when the cluster changes (an `events:` list); Kubernetes' defaults",
      ),
    mesh: serviceMeshSchema
      .optional()
      .describe(
        "this service's place in the service mesh, where it differs from `mesh` (docs/mesh.md)",
      ),
    trafficPolicy: trafficPolicySchema
      .optional()
      .describe("resilience for calls to this service, in each caller's proxy (docs/mesh.md)"),
    routing: routingSchema
      .optional()
      .describe('how calls to this service are routed among its versions (docs/mesh.md)'),
    strategy: deploymentStrategySchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.clients === 'shared' && s.connections !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['connections'],
        message:
          'connections belong to a caller pod: use clients: per-caller (or leave clients out)',
      });
  })
  .transform(withRightSizing)
  .transform(withVersionReplicas);

// ── workload ───────────────────────────────────────────────────────────────────────────

const PROFILES = [
  z.strictObject({
    type: z.literal('ramp'),
    from: z.number().min(0).default(0).describe('factor of rate at the start'),
    to: z.number().min(0).default(1).describe('factor of rate at the end'),
    start: duration.prefault('0').describe('when the ramp begins'),
    over: positiveDuration,
  }),
  z.strictObject({
    type: z.literal('diurnal'),
    period: positiveDuration.prefault('24h'),
    amplitude: fraction.describe(
      'rate swings between rate × (1 - amplitude) and rate × (1 + amplitude)',
    ),
  }),
  z.strictObject({
    type: z.literal('onoff'),
    on: positiveDuration,
    off: positiveDuration,
    offFactor: z.number().min(0).default(0).describe('factor of rate while off'),
  }),
  z.strictObject({
    type: z.literal('mmpp'),
    states: z
      .array(z.strictObject({ factor: z.number().min(0), meanDuration: positiveDuration }))
      .min(2)
      .describe('a Markov-modulated Poisson process: states visited in turn, exponential sojourns'),
  }),
] as const;

const profile = z
  .discriminatedUnion('type', PROFILES)
  .superRefine(checkUntaggedItem('type', PROFILES), { when: () => true });

const workloadCommon = {
  name: dnsLabel.describe('workload name (its random streams are named after it)'),
  mix: z
    .record(z.string(), z.number().positive())
    .optional()
    .describe('entry endpoints and their weights'),
  target: z.string().optional().describe('the one entry endpoint, when there is no mix'),
  timeout: positiveDuration.optional().describe('client timeout (default: none)'),
  retry: clientRetrySchema.optional(),
  cohorts: cohortsSchema.optional(),
};

const WORKLOAD_KINDS = [
  z.strictObject({
    ...workloadCommon,
    arrivals: z.literal('poisson'),
    rate,
    profile: profile.optional().describe('rate over time: ramp, diurnal, onoff or mmpp'),
  }),
  z.strictObject({
    ...workloadCommon,
    arrivals: z.literal('constant'),
    rate,
    profile: profile.optional().describe('rate over time: ramp, diurnal, onoff or mmpp'),
  }),
  z.strictObject({
    ...workloadCommon,
    arrivals: z.literal('closed'),
    users: positiveInt.describe(
      'closed-loop clients, each waiting for its response before thinking again',
    ),
    thinkTime: distribution
      .prefault('exponential(mean=1s)')
      .describe(
        'pause between a response and the next request; each user starts part-way through a think (its residual), so users do not fire together',
      ),
  }),
  z.strictObject({
    ...workloadCommon,
    arrivals: z.literal('trace'),
    trace: z.strictObject({
      file: z
        .string()
        .optional()
        .describe('a CSV file (path relative to the scenario) whose first column holds the values'),
      values: z.array(z.number().min(0)).optional().describe('the column, inline'),
      format: z
        .enum(['timestamps', 'rates'])
        .describe('timestamps: one arrival per row, in seconds; rates: per-second rates'),
    }),
  }),
] as const;

// A bad `arrivals:` is reported with the item's other mistakes, not before them.
const workloadItem = z
  .discriminatedUnion('arrivals', WORKLOAD_KINDS)
  .superRefine(checkUntaggedItem('arrivals', WORKLOAD_KINDS), { when: () => true });

function checkServiceNames(services: Record<string, unknown>, ctx: z.RefinementCtx): void {
  // It runs even when the record itself failed (not a mapping, or missing): nothing to name.
  if (typeof services !== 'object' || services === null) return;
  for (const name of Object.keys(services)) {
    const result = dnsLabel.safeParse(name);
    if (result.success) continue;
    ctx.addIssue({
      code: 'invalid_key',
      origin: 'record',
      issues: result.error.issues,
      input: name,
      path: [name],
    });
  }
}

// ── events: a cluster that changes while it runs (docs/lifecycle.md) ──────────────────

/** Most scripted events a scenario may hold (docs/limits.md). */
export const MAX_EVENTS = 10_000;
/** Most replicas a scale event may ask for (docs/limits.md). */
export const MAX_SCALE_REPLICAS = 10_000;

const resources = z.strictObject({
  requests: z
    .strictObject({ cpu: cpu.prefault('1'), memory: memory.prefault('128Mi') })
    .prefault({}),
  limits: z.strictObject({ cpu: cpu.optional(), memory: memory.optional() }).prefault({}),
});

const EVENT_ACTIONS = [
  'scale',
  'setTemplate',
  'addNodes',
  'removeNodes',
  'deletePod',
  'crashPod',
  'setPolicy',
  'setRouting',
  'breakPod',
  'rollout',
  'rollback',
  'promote',
  'abort',
] as const;

const templateChange = z.strictObject({
  service: z.string().describe('a service of the scenario'),
  version: dnsLabel.describe("the new version's name, reported with its pods"),
  endpoints: z
    .record(
      z.string(),
      z.strictObject({
        cpu: distribution.optional().describe('CPU time per request of this version'),
        errorRate: fraction.optional().describe('its probability of a 500'),
      }),
    )
    .optional()
    .describe("the version's endpoints that differ (calls stay the service's)"),
  resources: resources
    .optional()
    .describe('its requests and limits, both replaced (default: unchanged)'),
  lifecycle: podLifecycle.optional().describe('its start and termination (default: unchanged)'),
});

const scenarioEvent = z
  .strictObject({
    at: duration.describe('when it happens, from the start of the run (before duration)'),
    scale: z
      .strictObject({
        service: z.string().describe('a service of the scenario'),
        replicas: z
          .number()
          .int()
          .min(0)
          .max(MAX_SCALE_REPLICAS)
          .describe(`the replicas it should have, at most ${MAX_SCALE_REPLICAS}`),
        version: dnsLabel
          .optional()
          .describe('which of its versions (required when the service has versions)'),
      })
      .optional()
      .describe(
        "set a service's replicas: new pods start Pending, extra pods are deleted as the ReplicaSet controller picks them",
      ),
    setTemplate: templateChange
      .optional()
      .describe('a new pod template: pods created from now on run this version; others stay'),
    addNodes: z
      .strictObject({
        pool: z.string().describe('a node pool of the cluster: the new nodes are like its nodes'),
        count: z.number().int().min(1).max(1000).describe('nodes to add, at most 1000'),
        provisioningDelay: duration
          .optional()
          .describe('from the request to the node being Ready (default 60s)'),
      })
      .optional()
      .describe('add nodes to a pool after their provisioning delay'),
    removeNodes: z
      .strictObject({
        pool: z.string().describe('a node pool of the cluster'),
        count: z.number().int().min(1).max(1000).describe('nodes to remove, newest first'),
      })
      .optional()
      .describe(
        "remove a pool's newest nodes: their pods are evicted (graceful), then the node goes",
      ),
    deletePod: z
      .string()
      .optional()
      .describe(
        'delete a pod by name (service-<i>): graceful termination; its ReplicaSet replaces it',
      ),
    crashPod: z
      .string()
      .optional()
      .describe('kill a pod by name at once (no grace period): its work is cut; it is replaced'),
    setPolicy: z
      .strictObject({
        service: z.string().describe('a service of the scenario'),
        loadBalancer: z
          .enum(['kube-proxy', 'round-robin', 'random', 'least-request', 'peak-ewma'])
          .describe(
            "the policy from now on; behind a mesh proxy, from when the control plane's push reaches it",
          ),
      })
      .optional()
      .describe("change a service's load-balancing policy"),
    setRouting: setRoutingSchema.optional(),
    rollout: templateChange
      .optional()
      .describe(
        "a new revision of the service's Deployment: a new ReplicaSet of this version replaces the pods by the service's strategy (docs/deployments.md)",
      ),
    rollback: z
      .strictObject({ service: z.string().describe('a service of the scenario') })
      .optional()
      .describe(
        'kubectl rollout undo: the Deployment goes back to its previous revision, by its strategy (docs/deployments.md)',
      ),
    promote: z
      .strictObject({ service: z.string().describe('a service of the scenario') })
      .optional()
      .describe(
        "kubectl argo rollouts promote: the service's Argo Rollout leaves its indefinite pause (docs/deployments.md)",
      ),
    abort: z
      .strictObject({ service: z.string().describe('a service of the scenario') })
      .optional()
      .describe(
        "kubectl argo rollouts abort: the service's Argo Rollout goes back to its stable revision (docs/deployments.md)",
      ),
    breakPod: z
      .strictObject({
        pod: z.string().describe('the pod, by name (service-<i>)'),
        errorRate: fraction.describe(
          "the probability that it fails a call with a 500 from now on, on top of its endpoints' own; 0% mends it",
        ),
      })
      .optional()
      .describe(
        'make one pod bad (a broken local dependency, a bad node): it fails this share of the calls it serves; its replacement is healthy',
      ),
  })
  .superRefine((event, ctx) => {
    const given = EVENT_ACTIONS.filter((action) => event[action] !== undefined);
    if (given.length === 1) return;
    ctx.addIssue({
      code: 'custom',
      message:
        given.length === 0
          ? `give one action: ${EVENT_ACTIONS.join(', ')}`
          : `give one action per event, not ${given.join(' and ')}`,
    });
  });

// ── the scenario ───────────────────────────────────────────────────────────────────────

export const scenarioSchema = z.strictObject({
  name: dnsLabel.describe('scenario name: lowercase letters, digits and "-"'),
  description: z.string().optional().describe('the question the scenario answers'),
  seed: nonNegativeInt.default(1).describe('master seed of every random stream'),
  duration: positiveDuration.prefault('1m').describe('simulated time during which requests arrive'),
  warmup: duration
    .prefault('0')
    .describe('requests arriving before this are left out of the metrics'),
  drain: duration
    .prefault('30s')
    .describe('after duration, time allowed for in-flight requests to end'),
  cluster: cluster.prefault({}),
  mesh: meshSchema
    .prefault({})
    .describe('the service mesh: proxies and mesh-wide settings (docs/mesh.md)'),
  services: z
    .record(z.string(), service)
    // Names are checked beside the values, not as the record's key schema: zod skips the
    // value of a key that fails, which would hide that service's own errors until later.
    .superRefine(checkServiceNames, { when: () => true })
    .describe('services by name (DNS labels, as Kubernetes requires)'),
  functions: functionsSchema(step),
  serverless: serverlessAccountSchema.describe('account-wide limits of the functions'),
  queues: queuesSchema,
  workload: z.array(workloadItem).min(1).describe('client populations sending requests'),
  outputs: z
    .strictObject({ window: positiveDuration.prefault('1s').describe('time-series window') })
    .prefault({}),
  events: z
    .array(scenarioEvent)
    .max(MAX_EVENTS)
    .optional()
    .describe(
      'scripted changes to the cluster at set times: scale, setTemplate, addNodes, removeNodes, deletePod, crashPod, setPolicy, setRouting, breakPod, rollout, rollback (docs/lifecycle.md, docs/mesh/routing.md, docs/deployments.md)',
    ),
  faults: faultsSchema,
  steadyState: steadyStateSchema,
  sweep: sweepSchema.optional(),
  thresholds: thresholdsSchema.optional(),
  pricing: pricingSchema.optional(),
  pipelines: pipelinesSchema,
});

/** What a scenario file holds, before defaults and unit conversion. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario: defaults filled, engine units (ms, cores, bytes, per second). */
export type Scenario = z.output<typeof scenarioSchema>;
export type ServiceConfig = Scenario['services'][string];
export type EndpointConfig = ServiceConfig['endpoints'][string];
export type CallStep = EndpointConfig['calls'][number];
export type CallConfig = Extract<CallStep, { kind: 'call' }>;
export type WorkloadConfig = Scenario['workload'][number];
export type ProfileConfig = NonNullable<Extract<WorkloadConfig, { profile?: unknown }>['profile']>;
export type PodLifecycleConfig = z.output<typeof podLifecycle>;
export type ScenarioEvent = NonNullable<Scenario['events']>[number];
export type NodePoolConfig = Scenario['cluster']['nodePools'][number];
