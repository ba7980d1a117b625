import type { MeshConfig, MeshStrategy, ProxyConfig } from '../../../scenario/mesh-schema.js';
import type { DistributionCache } from '../../distribution-cache.js';
import type { LoadBalancerPolicy } from '../../load-balancer.js';
import type { PoolSettings } from '../../traffic/connection-pool.js';
import type { ProxyKind, ProxySettings } from './proxy.js';

/** Whether a strategy puts proxies on the path (library runs its policies in the caller). */
export function hasProxies(strategy: MeshStrategy): boolean {
  return strategy === 'sidecar' || strategy === 'sidecar-light' || strategy === 'ambient';
}

/**
 * The balancer a caller's proxy uses for a service that names none (kube-proxy is then not
 * on the path: the proxy sends to the pods' addresses). Istio's Envoy: LEAST_REQUEST, its
 * default since Istio 1.14. Linkerd: power of two choices over a peak-EWMA latency estimate,
 * default RTT 30 ms and decay 10 s (the policy controller's default_balancer_config; the
 * constants in src/model/mesh/resilience/peak-ewma.ts). Ambient's ztunnel picks an endpoint
 * per connection at random (L4). Without proxies: kube-proxy.
 */
export function defaultBalancerOf(strategy: MeshStrategy): LoadBalancerPolicy {
  switch (strategy) {
    case 'sidecar':
      return 'least-request';
    case 'sidecar-light':
      return 'peak-ewma';
    case 'ambient':
      return 'random';
    default:
      return 'kube-proxy';
  }
}

/**
 * The connections between proxies when the service names none: Envoy keeps the
 * application's HTTP/1.1 upstream, a pool per destination pod with up to 1024 connections
 * (its circuit breaker's max_connections); linkerd2-proxy and ztunnel (HBONE) carry every
 * request as a stream of one HTTP/2 connection. Without reuse, every request opens its own
 * (an idle timeout of 0 closes each as it is released).
 */
export function meshPoolOf(strategy: MeshStrategy, reuse: boolean): PoolSettings {
  return {
    protocol: strategy === 'sidecar' || !reuse ? 'http1' : 'http2',
    maxConnections: 1024,
    idleTimeoutMs: reuse ? 3_600_000 : 0,
  };
}

/**
 * How the callers' proxies reach a service under a strategy with proxies: each caller's
 * proxy balances on its own (a per-caller client), with the strategy's balancer where the
 * service names none (or names kube-proxy, which is not on a proxied path) and the
 * strategy's connections where it names none. The callee's strategy decides (its own, else
 * the scenario's). Undefined without proxies: the service's settings as written.
 */
export function meshClientSettings(
  strategy: MeshStrategy,
  mesh: MeshConfig,
  service: { loadBalancer: LoadBalancerPolicy; connections?: unknown },
): { policy: LoadBalancerPolicy; pool: PoolSettings | undefined } | undefined {
  if (!hasProxies(strategy)) return undefined;
  return {
    policy:
      service.loadBalancer === 'kube-proxy' ? defaultBalancerOf(strategy) : service.loadBalancer,
    pool:
      service.connections === undefined
        ? meshPoolOf(strategy, mesh.mtls.reuseConnections)
        : undefined,
  };
}

const CONTAINERS: Record<ProxyKind, string> = {
  sidecar: 'istio-proxy',
  'sidecar-light': 'linkerd-proxy',
  ztunnel: 'ztunnel',
  waypoint: 'waypoint',
  gateway: 'istio-ingressgateway',
};

/** One kind of proxy's settings from its scenario section. */
export function proxySettings(
  kind: ProxyKind,
  config: ProxyConfig,
  mesh: MeshConfig,
  distributions: DistributionCache,
): ProxySettings {
  return {
    kind,
    container: CONTAINERS[kind],
    workers: config.workers,
    requestCpu: distributions.get(config.requestCpu),
    responseCpu: distributions.get(config.responseCpu),
    telemetryCpu: distributions.get(config.telemetryCpu),
    handshakeCpu: distributions.get(mesh.mtls.handshakeCpu),
    cpuRequest: config.resources.requests.cpu,
    cpuLimit: config.resources.limits.cpu,
    memoryRequest: config.resources.requests.memory,
    memoryUsed: config.memory,
  };
}

/** The sidecar settings of a strategy that has sidecars. */
export function sidecarConfigOf(mesh: MeshConfig, strategy: MeshStrategy): ProxyConfig | undefined {
  if (strategy === 'sidecar') return mesh.sidecar;
  if (strategy === 'sidecar-light') return mesh.sidecarLight;
  return undefined;
}
