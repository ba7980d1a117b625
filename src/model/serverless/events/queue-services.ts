import type { RandomStreams } from '../../../engine/random.js';
import { parseDistributionText } from '../../../scenario/distribution-text.js';
import {
  ASYNC_ENDPOINT,
  DEFAULT_API_LATENCY,
  QUEUE_SEND_ENDPOINT,
} from '../../../scenario/queue-schema.js';
import { asyncInvokedFunctions } from '../../../scenario/queue-work.js';
import type { Scenario } from '../../../scenario/schema.js';
import type { DistributionCache } from '../../distribution-cache.js';
import { createPodPicker } from '../../load-balancer.js';
import { Endpoint, Service } from '../../service.js';

/** A message's size: SQS's payloads are the producer's; an RPC's default, as elsewhere. */
const DEFAULT_PAYLOAD_BYTES = 1500;

/**
 * Each queue as the call graph sees it: a service with one endpoint, `send` (SendMessage),
 * whose work is the call's latency; its one pod, the regional endpoint, is made by the run
 * (api-front.ts). Random streams `queue:<name>:…`.
 */
export function queueServices(
  scenario: Scenario,
  streams: RandomStreams,
  distributions: DistributionCache,
): Map<string, Service> {
  const services = new Map<string, Service>();
  for (const [name, config] of Object.entries(scenario.queues ?? {})) {
    const service = new Service(
      name,
      false,
      createPodPicker('random', streams.stream(`queue:${name}:lb`)),
    );
    service.endpoints.set(
      QUEUE_SEND_ENDPOINT,
      apiEndpoint(
        name,
        QUEUE_SEND_ENDPOINT,
        `queue:${name}`,
        config.sendLatency,
        streams,
        distributions,
      ),
    );
    services.set(name, service);
  }
  return services;
}

/**
 * The functions invoked asynchronously get a second endpoint, `invokeAsync` (Invoke with
 * InvocationType Event), whose work is the call's latency until Lambda's 202; the run
 * routes it to the function's asynchronous queue, not to an instance.
 */
export function addAsyncEndpoints(
  scenario: Scenario,
  functions: ReadonlyMap<string, Service>,
  streams: RandomStreams,
  distributions: DistributionCache,
): void {
  for (const name of asyncInvokedFunctions(scenario)) {
    const latency =
      scenario.functions![name]!.async?.latency ?? parseDistributionText(DEFAULT_API_LATENCY);
    functions
      .get(name)!
      .endpoints.set(
        ASYNC_ENDPOINT,
        apiEndpoint(name, ASYNC_ENDPOINT, `queue:${name}:async`, latency, streams, distributions),
      );
  }
}

function apiEndpoint(
  service: string,
  endpoint: string,
  streamPrefix: string,
  latency: Parameters<DistributionCache['get']>[0],
  streams: RandomStreams,
  distributions: DistributionCache,
): Endpoint {
  const stream = (purpose: string) => streams.stream(`${streamPrefix}:${purpose}`).next;
  const payload = distributions.get({ kind: 'constant', value: DEFAULT_PAYLOAD_BYTES });
  return new Endpoint(
    service,
    endpoint,
    distributions.get(latency),
    0,
    stream('latency'),
    stream('error'),
    stream('calls'),
    { request: payload, response: payload, next: stream('size') },
  );
}
