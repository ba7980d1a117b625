import type { RandomStreams } from '../../engine/random.js';
import { FUNCTION_ENDPOINT } from '../../scenario/function-schema.js';
import type { Scenario } from '../../scenario/schema.js';
import type { DistributionCache } from '../distribution-cache.js';
import { createPodPicker } from '../load-balancer.js';
import { Endpoint, Service } from '../service.js';
import { HandlerWork, vcpuSpeed } from './handler-work.js';

/** Lambda's payload sizes are the caller's; the default is an RPC's, as a service endpoint's. */
const DEFAULT_PAYLOAD_BYTES = 1500;

/**
 * Each function as the call graph sees it: a service with one endpoint, `invoke`, whose CPU
 * is the handler's work (handler-work.ts) and whose steps are the function's calls (set by
 * the topology with every other endpoint's). Its pods are its instances, made by its pool
 * (function-pool.ts) as calls come; it has none to start with. Random streams `fn:<name>:…`.
 */
export function functionServices(
  scenario: Scenario,
  streams: RandomStreams,
  distributions: DistributionCache,
): Map<string, Service> {
  const services = new Map<string, Service>();
  for (const [name, config] of Object.entries(scenario.functions ?? {})) {
    const stream = (purpose: string) => streams.stream(`fn:${name}:${purpose}`).next;
    // Never asked: a function's calls reach its instances through its pool, not a picker.
    const service = new Service(
      name,
      true,
      createPodPicker('random', streams.stream(`fn:${name}:lb`)),
    );
    const { handler } = config;
    const armSpeed = config.architecture === 'arm64' ? config.armSpeed : 1;
    const optional = (spec: typeof handler.cpu) =>
      spec === undefined ? undefined : distributions.get(spec);
    const work = new HandlerWork(
      optional(handler.cpu),
      optional(handler.duration),
      handler.measuredAtMb ?? config.memoryMb,
      optional(handler.wait),
      vcpuSpeed(config.memoryMb) * armSpeed,
      armSpeed,
    );
    const payload = distributions.get({ kind: 'constant', value: DEFAULT_PAYLOAD_BYTES });
    service.endpoints.set(
      FUNCTION_ENDPOINT,
      new Endpoint(
        name,
        FUNCTION_ENDPOINT,
        work,
        config.errorRate,
        stream('cpu'),
        stream('error'),
        stream('calls'),
        {
          request: payload,
          response: payload,
          next: stream('size'),
        },
      ),
    );
    services.set(name, service);
  }
  return services;
}
