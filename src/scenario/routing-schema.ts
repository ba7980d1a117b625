import { z } from 'zod';
import {
  cpu,
  distribution,
  dnsLabel,
  fraction,
  memory,
  nonNegativeInt,
  positiveDuration,
} from './fields.js';

/**
 * Versions side by side and how calls are routed among them (docs/mesh/routing.md), after
 * Istio's DestinationRule subsets (a version label) and VirtualService http routes: weighted
 * destinations, match rules, mirroring and fault injection. They act in each caller's proxy
 * (or client library), where the caller's mesh strategy applies policies.
 */

/** Most versions a service may run side by side (docs/limits.md). */
export const MAX_VERSIONS = 32;
/** Most match rules of one service's routing (docs/limits.md). */
export const MAX_MATCH_RULES = 100;
/** Most cohorts a workload may tag its requests with (docs/limits.md). */
export const MAX_COHORTS = 32;

const versionResources = z.strictObject({
  requests: z
    .strictObject({ cpu: cpu.prefault('1'), memory: memory.prefault('128Mi') })
    .prefault({}),
  limits: z.strictObject({ cpu: cpu.optional(), memory: memory.optional() }).prefault({}),
});

/** One version of a service: its own pods, and the endpoint fields that differ. */
const version = z.strictObject({
  replicas: nonNegativeInt.max(10_000).describe('pods of this version, at most 10,000'),
  endpoints: z
    .record(
      z.string(),
      z.strictObject({
        cpu: distribution.optional().describe("CPU time per request of this version's pods"),
        errorRate: fraction.optional().describe('their probability of a 500'),
      }),
    )
    .optional()
    .describe("the version's endpoints that differ from the service's (calls stay the service's)"),
  resources: versionResources
    .optional()
    .describe("its pods' requests and limits, both replaced (default: the service's)"),
});

export const versionsSchema = z
  .record(dnsLabel, version)
  .refine((v) => Object.keys(v).length > 0, 'needs at least one version')
  .refine(
    (v) => Object.keys(v).length <= MAX_VERSIONS,
    `at most ${MAX_VERSIONS} versions side by side`,
  )
  .describe(
    "versions running side by side, each its own ReplicaSet whose pods carry its name as their version label (Istio's subsets); the service's replicas are their sum",
  );

const matchRule = z.strictObject({
  cohort: dnsLabel.describe("the request's cohort (a workload's `cohorts`), as a header match"),
  version: dnsLabel.describe('the version its calls go to'),
});

const percentage = (what: string) => fraction.describe(`share of calls ${what}: 5% or 0.05`);

export const routingSchema = z
  .strictObject({
    match: z
      .array(matchRule)
      .max(MAX_MATCH_RULES)
      .optional()
      .describe(
        "rules tried in order before the split, the first that matches wins (Istio's HTTPRoute match): calls of a request in that cohort go to that version",
      ),
    split: z
      .record(dnsLabel, fraction)
      .optional()
      .describe(
        "weights by version, summing to 100% (Istio's route[].weight): each call that no rule matched goes to a version drawn by weight (default: any ready pod of the service)",
      ),
    mirror: z
      .strictObject({
        version: dnsLabel.describe('the version the copies go to'),
        percentage: percentage('copied').prefault('100%'),
      })
      .optional()
      .describe(
        "a copy of the calls sent to a version, fire and forget: its response is dropped and the caller never waits for it (Istio's mirror and mirrorPercentage, default 100%)",
      ),
    fault: z
      .strictObject({
        delay: z
          .strictObject({
            percentage: percentage('delayed'),
            fixedDelay: positiveDuration.describe('how long the proxy holds the call'),
          })
          .optional()
          .describe('the proxy holds a share of calls before forwarding them (Envoy flag DI)'),
        abort: z
          .strictObject({
            percentage: percentage('aborted'),
            httpStatus: z
              .number()
              .int()
              .min(200)
              .max(599)
              .describe('the status the caller gets, 200-599 (Istio requires one)'),
          })
          .optional()
          .describe(
            'the proxy answers a share of calls itself with this status (Envoy flag FI): cause fault_abort',
          ),
      })
      .optional()
      .describe(
        "fault injection in the caller's proxy, once per call (Istio's HTTPFaultInjection): delay and abort are independent",
      ),
  })
  .describe('how calls to this service are routed among its versions (docs/mesh/routing.md)');

export type RoutingConfig = z.output<typeof routingSchema>;
export type VersionsConfig = z.output<typeof versionsSchema>;

/** A workload's cohorts: the share of its requests tagged with each, carried down the call graph. */
export const cohortsSchema = z
  .record(dnsLabel, fraction)
  .refine((c) => Object.keys(c).length <= MAX_COHORTS, `at most ${MAX_COHORTS} cohorts`)
  .refine(
    (c) => Object.values(c).reduce((sum, share) => sum + share, 0) <= 1 + 1e-9,
    'the shares add up to more than 100%',
  )
  .describe(
    "shares of this workload's requests tagged with a cohort (like a user-group header), each drawn per request and carried by every call of the request, as propagated headers are: routing match rules select on it (default: none)",
  );

/** `setRouting` in `events:`: a service's routing from then on, as each proxy receives it. */
export const setRoutingSchema = z
  .strictObject({
    service: z.string().describe('a service of the scenario'),
    routing: routingSchema,
  })
  .describe(
    "replace a service's routing: each caller's proxy applies it after the control plane's propagation delay (mesh.controlPlane)",
  );

/**
 * A service's replicas: given (default 1), or with versions their sum; never both, since
 * one would silently lose to the other.
 */
export function withVersionReplicas<
  S extends { replicas?: number | undefined; versions?: VersionsConfig | undefined },
>(service: S, ctx: z.RefinementCtx): Omit<S, 'replicas'> & { replicas: number } {
  const { replicas, ...rest } = service;
  if (service.versions === undefined) return { replicas: replicas ?? 1, ...rest };
  if (replicas !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['replicas'],
      message:
        "give the replicas of each version (versions.<name>.replicas), not the service's: it runs their sum",
    });
  const sum = Object.values(service.versions).reduce((total, v) => total + v.replicas, 0);
  return { replicas: sum, ...rest };
}
