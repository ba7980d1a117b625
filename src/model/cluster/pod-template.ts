import type { Distribution } from '../../engine/distributions/distribution.js';
import type { PodLifecycleConfig, ScenarioEvent, ServiceConfig } from '../../scenario/schema.js';
import { type PodRequests, podRequests } from '../cluster.js';
import type { DistributionCache } from '../distribution-cache.js';
import type { Endpoint, Service } from '../service.js';

/** The version name of the pods a scenario starts with. */
export const INITIAL_VERSION = 'v1';

/**
 * Defaults of a pod's lifecycle (docs/lifecycle.md cites each): Kubernetes' own where it has
 * one (probe fields: k8s.io/api/core/v1 Probe; terminationGracePeriodSeconds 30;
 * minReadySeconds 0), msasim's where the time is the image's and the application's.
 */
export const LIFECYCLE_DEFAULTS = {
  imagePull: { kind: 'constant', value: 5000 },
  containerStart: { kind: 'constant', value: 1000 },
  initialDelaySeconds: 0,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
  timeoutSeconds: 1,
  probeCpu: { kind: 'constant', value: 1 },
  minReadySeconds: 0,
  preStopMs: 0,
  terminationGracePeriodSeconds: 30,
} as const;

/** A version's endpoints where they differ from the service's: CPU time and error rate. */
export class VersionBehavior {
  constructor(
    private readonly cpus: ReadonlyMap<Endpoint, Distribution>,
    private readonly errorRates: ReadonlyMap<Endpoint, number>,
  ) {}

  cpu(endpoint: Endpoint): Distribution {
    return this.cpus.get(endpoint) ?? endpoint.cpu;
  }

  errorRate(endpoint: Endpoint): number {
    return this.errorRates.get(endpoint) ?? endpoint.errorRate;
  }
}

/** What a ReplicaSet creates its pods from: a version, its resources and its lifecycle. */
export interface PodTemplate {
  readonly version: string;
  /** the container image: one per (service, version); what a node caches */
  readonly image: string;
  readonly requests: PodRequests;
  readonly cpuRequest: number;
  readonly cpuLimit: number | undefined;
  readonly imagePull: Distribution;
  readonly containerStart: Distribution;
  /** its readiness probe; undefined: none, the pod is ready once started and stays ready */
  readonly readinessProbe: ReadinessProbeSpec | undefined;
  readonly minReadySeconds: number;
  readonly preStopMs: number;
  readonly terminationGracePeriodSeconds: number;
  /** undefined for the service's own endpoints (the initial version) */
  readonly behavior: VersionBehavior | undefined;
  /** the lifecycle as written, for a later template that changes only part of it */
  readonly lifecycle: PodLifecycleConfig;
}

/** A readiness probe as the kubelet runs it (k8s.io/api core/v1 Probe), and what answering costs. */
export interface ReadinessProbeSpec {
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
  readonly timeoutSeconds: number;
  /** the application's CPU time to answer one probe */
  readonly cpu: Distribution;
}

/** The template of a service's initial pods. */
export function initialTemplate(
  service: Service,
  config: ServiceConfig,
  distributions: DistributionCache,
): PodTemplate {
  return template(
    service.name,
    INITIAL_VERSION,
    config.resources,
    config.lifecycle ?? {},
    undefined,
    distributions,
  );
}

/** The template of one of a service's `versions`: its own resources and endpoints. */
export function versionTemplate(
  service: Service,
  config: ServiceConfig,
  version: string,
  resources: ServiceConfig['resources'],
  behavior: VersionBehavior | undefined,
  distributions: DistributionCache,
): PodTemplate {
  return template(
    service.name,
    version,
    resources,
    config.lifecycle ?? {},
    behavior,
    distributions,
  );
}

type TemplateChange = NonNullable<ScenarioEvent['setTemplate']>;

/** The template after a `setTemplate` event: what it does not say stays as it was. */
export function changedTemplate(
  service: Service,
  current: PodTemplate,
  change: TemplateChange,
  distributions: DistributionCache,
): PodTemplate {
  const cpus = new Map<Endpoint, Distribution>();
  const errorRates = new Map<Endpoint, number>();
  for (const [name, endpoint] of Object.entries(change.endpoints ?? {})) {
    const target = service.endpoints.get(name)!;
    if (endpoint.cpu !== undefined) cpus.set(target, distributions.get(endpoint.cpu));
    if (endpoint.errorRate !== undefined) errorRates.set(target, endpoint.errorRate);
  }
  const resources = change.resources ?? {
    requests: { cpu: current.cpuRequest, memory: current.requests.memoryBytes },
    limits: { cpu: current.cpuLimit },
  };
  return template(
    service.name,
    change.version,
    resources,
    { ...current.lifecycle, ...definedOnly(change.lifecycle ?? {}) },
    cpus.size + errorRates.size > 0 ? new VersionBehavior(cpus, errorRates) : undefined,
    distributions,
  );
}

function template(
  service: string,
  version: string,
  resources: { requests: { cpu: number; memory: number }; limits: { cpu?: number | undefined } },
  lifecycle: PodLifecycleConfig,
  behavior: VersionBehavior | undefined,
  distributions: DistributionCache,
): PodTemplate {
  const d = LIFECYCLE_DEFAULTS;
  return {
    version,
    image: `${service}:${version}`,
    requests: podRequests(service, resources.requests),
    cpuRequest: resources.requests.cpu,
    cpuLimit: resources.limits.cpu,
    imagePull: distributions.get(lifecycle.imagePull ?? d.imagePull),
    containerStart: distributions.get(lifecycle.containerStart ?? d.containerStart),
    readinessProbe: probeSpec(lifecycle.readinessProbe, distributions),
    minReadySeconds: lifecycle.minReadySeconds ?? d.minReadySeconds,
    preStopMs: lifecycle.preStop ?? d.preStopMs,
    terminationGracePeriodSeconds:
      lifecycle.terminationGracePeriodSeconds ?? d.terminationGracePeriodSeconds,
    behavior,
    lifecycle,
  };
}

function probeSpec(
  probe: PodLifecycleConfig['readinessProbe'],
  distributions: DistributionCache,
): ReadinessProbeSpec | undefined {
  if (probe === undefined) return undefined;
  const d = LIFECYCLE_DEFAULTS;
  return {
    initialDelaySeconds: probe.initialDelaySeconds ?? d.initialDelaySeconds,
    periodSeconds: probe.periodSeconds ?? d.periodSeconds,
    successThreshold: probe.successThreshold ?? d.successThreshold,
    failureThreshold: probe.failureThreshold ?? d.failureThreshold,
    timeoutSeconds: probe.timeoutSeconds ?? d.timeoutSeconds,
    cpu: distributions.get(probe.cpu ?? d.probeCpu),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
