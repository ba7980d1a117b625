import { z } from 'zod';
import { controlPlaneSchema } from './control-plane-schema.js';
import { cpu, distribution, memory, nonNegativeInt, positiveInt } from './fields.js';
import { meshTelemetrySchema } from './mesh-telemetry-schema.js';

/**
 * The service mesh (docs/mesh.md): which proxies carry the calls, and the mesh-wide
 * settings. Policies for calls to a service live with that service (`trafficPolicy`,
 * `routing`), as Istio keys DestinationRules and VirtualServices by destination host.
 */
export const MESH_STRATEGIES = ['none', 'library', 'sidecar', 'sidecar-light', 'ambient'] as const;
export type MeshStrategy = (typeof MESH_STRATEGIES)[number];

const strategy = z
  .enum(MESH_STRATEGIES)
  .describe(
    'none: kube-proxy, no proxy, no policies; library: the policies run in the caller, no proxy; sidecar: an Envoy in every pod (Istio); sidecar-light: a lighter proxy (Linkerd); ambient: a per-node L4 proxy (ztunnel) and waypoints for L7',
  );

/** Most worker threads a proxy may have (docs/limits.md): Envoy's concurrency on a big node. */
export const MAX_PROXY_WORKERS = 64;
/** Most memory a proxy may be said to use (docs/limits.md): reported only, never scheduled. */
export const MAX_PROXY_MEMORY_BYTES = 2 ** 40;
/** Most waypoint replicas per service (docs/limits.md). */
export const MAX_WAYPOINT_REPLICAS = 100;

/** The defaults of one kind of proxy, as text the fields parse (docs/mesh/proxy.md cites each). */
interface ProxyDefaults {
  readonly requestCpu: string;
  readonly limitCpu: string | undefined;
  readonly requestMemory: string;
  readonly workers: number;
  readonly requestWork: string;
  readonly responseWork: string;
  readonly telemetryWork: string;
  readonly memoryUsed: string;
}

/**
 * One kind of proxy: its container's resources, its worker threads and the CPU it spends on
 * each request. Each crossing costs CPU on one of its workers: the request on its way
 * through, the response on its way back, and the telemetry it records after the response
 * has gone (which keeps the worker busy without delaying that response).
 */
function proxySchema(d: ProxyDefaults, what: string) {
  return z.strictObject({
    resources: z
      .strictObject({
        requests: z
          .strictObject({
            cpu: cpu.prefault(d.requestCpu).describe(`CPU request of ${what}`),
            memory: memory
              .prefault(d.requestMemory)
              .describe(`memory request of ${what} (counts against the node's allocatable)`),
          })
          .prefault({}),
        limits: z
          .strictObject({
            cpu: (d.limitCpu === undefined ? cpu.optional() : cpu.prefault(d.limitCpu)).describe(
              `CPU limit of ${what} (a CFS quota of its own)`,
            ),
          })
          .prefault({}),
      })
      .prefault({}),
    workers: positiveInt
      .max(MAX_PROXY_WORKERS)
      .default(d.workers)
      .describe(`worker threads of ${what}: each crossing runs on one, at most one core each`),
    requestCpu: distribution
      .prefault(d.requestWork)
      .describe(`CPU ${what} spends on a request on its way through (on the request's path)`),
    responseCpu: distribution
      .prefault(d.responseWork)
      .describe(`CPU ${what} spends on the response on its way back (on the request's path)`),
    telemetryCpu: distribution
      .prefault(d.telemetryWork)
      .describe(
        `CPU ${what} spends recording telemetry after the response has left: its worker stays busy, the next request waits`,
      ),
    memory: memory
      .refine((bytes) => bytes <= MAX_PROXY_MEMORY_BYTES, 'must be at most 1Ti')
      .prefault(d.memoryUsed)
      .describe(`memory ${what} uses (its working set, reported beside its request), at most 1Ti`),
  });
}

/**
 * Istio 1.24's sidecar (docs/mesh/proxy.md): the injected defaults (requests 100m and
 * 128Mi, limit 2 cores; concurrency 2), and per-request CPU calibrated to the published
 * 0.20 vCPU at 1000 requests/s and the two proxies' 0.228 ms at p90 and 0.298 ms at p99.
 */
const ENVOY: ProxyDefaults = {
  requestCpu: '100m',
  limitCpu: '2',
  requestMemory: '128Mi',
  workers: 2,
  requestWork: 'lognormal(median=0.04ms, p99=0.056ms)',
  responseWork: 'lognormal(median=0.04ms, p99=0.056ms)',
  telemetryWork: 'lognormal(median=0.117ms, p99=0.165ms)',
  memoryUsed: '60Mi',
};

/** Linkerd 2.11.1's linkerd2-proxy: Envoy's figures scaled by Linkerd's published ratios. */
const LINKERD: ProxyDefaults = {
  requestCpu: '0',
  limitCpu: undefined,
  requestMemory: '0',
  workers: 2,
  requestWork: 'lognormal(median=0.014ms, p99=0.02ms)',
  responseWork: 'lognormal(median=0.014ms, p99=0.02ms)',
  telemetryWork: 'lognormal(median=0.076ms, p99=0.11ms)',
  memoryUsed: '26Mi',
};

/** Istio 1.24's ztunnel: about 0.06 vCPU and 12 MB at 1000 requests/s; its chart's requests. */
const ZTUNNEL: ProxyDefaults = {
  requestCpu: '200m',
  limitCpu: undefined,
  requestMemory: '512Mi',
  workers: 2,
  requestWork: 'lognormal(median=0.012ms, p99=0.018ms)',
  responseWork: 'lognormal(median=0.012ms, p99=0.018ms)',
  telemetryWork: 'lognormal(median=0.034ms, p99=0.05ms)',
  memoryUsed: '12Mi',
};

/** Istio 1.24's waypoint (an Envoy): about 0.25 vCPU and 60 MB at 1000 requests/s. */
const WAYPOINT: ProxyDefaults = {
  ...ENVOY,
  telemetryWork: 'lognormal(median=0.166ms, p99=0.235ms)',
};

const sidecar = proxySchema(ENVOY, 'each sidecar (istio-proxy)');
const sidecarLight = proxySchema(LINKERD, 'each sidecar (linkerd-proxy)');
const ztunnel = proxySchema(ZTUNNEL, 'the ztunnel on each node');
const gateway = proxySchema(ENVOY, 'the ingress gateway');
const waypoint = z.strictObject({
  ...proxySchema(WAYPOINT, 'each waypoint pod').shape,
  replicas: positiveInt
    .max(MAX_WAYPOINT_REPLICAS)
    .default(1)
    .describe('pods of the waypoint of each service that asks for one'),
});

/**
 * Mutual TLS between the proxies: a handshake when a connection opens (TLS 1.3: one round
 * trip after TCP's, plus CPU on both proxies), then reused while the connection lives.
 */
const mtls = z.strictObject({
  enabled: z.boolean().default(true).describe('mutual TLS between the proxies (Istio: STRICT)'),
  roundTrips: nonNegativeInt
    .max(4)
    .default(1)
    .describe('round trips of the TLS handshake after TCP connect (TLS 1.3: 1)'),
  handshakeCpu: distribution
    .prefault('lognormal(median=0.5ms, p99=1ms)')
    .describe('CPU of the handshake on each of the two proxies (key exchange, signatures)'),
  reuseConnections: z
    .boolean()
    .default(true)
    .describe(
      'false: every request opens a connection of its own (and pays a handshake): what pooling saves',
    ),
});

export const meshSchema = z.strictObject({
  strategy: strategy.default('none'),
  sidecar: sidecar.prefault({}).describe('the Envoy sidecar of strategy sidecar (Istio)'),
  sidecarLight: sidecarLight
    .prefault({})
    .describe('the sidecar of strategy sidecar-light (Linkerd)'),
  ztunnel: ztunnel.prefault({}).describe('the per-node L4 proxy of strategy ambient'),
  waypoint: waypoint
    .prefault({})
    .describe('the L7 proxy of strategy ambient for services with mesh.waypoint: true'),
  gateway: gateway
    .prefault({})
    .describe('the ingress gateway that clients outside the cluster go through'),
  mtls: mtls.prefault({}),
  controlPlane: controlPlaneSchema.prefault({}),
  telemetry: meshTelemetrySchema.prefault({}),
});

export type MeshConfig = z.output<typeof meshSchema>;
export type ProxyConfig = z.output<typeof sidecar>;

/** A service's own place in the mesh: its strategy when it differs from the scenario's. */
export const serviceMeshSchema = z.strictObject({
  strategy: strategy.optional(),
  waypoint: z
    .boolean()
    .default(false)
    .describe(
      'ambient: calls to this service go through a waypoint proxy (L7 features) with pods of its own',
    ),
});
