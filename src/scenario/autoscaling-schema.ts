import { z } from 'zod';
import { duration, positiveDuration } from './fields.js';

/**
 * Autoscaling (docs/autoscaling.md): a service's HorizontalPodAutoscaler, with the field
 * names of Kubernetes' autoscaling/v2 HorizontalPodAutoscalerSpec, and a node pool's
 * cluster autoscaler, with the cluster autoscaler's flag names. Bounds are Kubernetes's
 * validation (pkg/apis/autoscaling/validation/validation.go) where it has them.
 */

/** Most replicas an HPA may scale to (docs/limits.md), as a scale event. */
export const MAX_HPA_REPLICAS = 10_000;
/** Most nodes a pool's cluster autoscaler may reach (docs/limits.md). */
export const MAX_AUTOSCALED_NODES = 1_000;

const resourceMetric = z.strictObject({
  type: z.literal('Resource'),
  resource: z.strictObject({
    name: z.literal('cpu').describe('cpu: the only resource msasim meters per pod'),
    target: z.strictObject({
      type: z.literal('Utilization'),
      averageUtilization: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .describe(
          "the mean CPU use of the pods as a whole percent of their CPU request (1 to 1000; Kubernetes' averageUtilization)",
        ),
    }),
  }),
});

const podsMetric = z.strictObject({
  type: z.literal('Pods'),
  pods: z.strictObject({
    metric: z.strictObject({
      name: z
        .literal('requests_per_second')
        .describe(
          'requests_per_second: the calls a pod served per second (a custom metrics adapter)',
        ),
    }),
    target: z.strictObject({
      type: z.literal('AverageValue'),
      averageValue: z
        .number()
        .min(0.001)
        .max(1e6)
        .describe('the mean per pod, in requests per second (0.001 to 1,000,000)'),
    }),
  }),
});

export const hpaMetric = z.discriminatedUnion('type', [resourceMetric, podsMetric]);

const scalingPolicy = z.strictObject({
  type: z.enum(['Pods', 'Percent']).describe('Pods: a number of pods; Percent: of the replicas'),
  value: z.number().int().min(1).max(10_000).describe('pods or percent per period (>= 1)'),
  periodSeconds: z
    .number()
    .int()
    .min(1)
    .max(1800)
    .describe('the window the change is counted over, 1 to 1800 s (Kubernetes: at most 30 min)'),
});

const scalingRules = z.strictObject({
  stabilizationWindowSeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .optional()
    .describe(
      'past recommendations considered, 0 to 3600 s (default: scaleUp 0, scaleDown 300: the highest of the last 5 minutes)',
    ),
  selectPolicy: z
    .enum(['Max', 'Min', 'Disabled'])
    .optional()
    .describe(
      'Max (default): the policy allowing the biggest change; Min: the smallest; Disabled: none',
    ),
  policies: z
    .array(scalingPolicy)
    .min(1)
    .max(10)
    .optional()
    .describe(
      'rate limits (default: scaleUp Pods 4 and Percent 100 per 15 s; scaleDown Percent 100 per 15 s)',
    ),
});

/**
 * A refinement that an object's lower bound is not above its upper one (the HPA's
 * minReplicas <= maxReplicas, the node group's minNodes <= maxNodes), reported on the lower
 * bound's field.
 */
function minNotAboveMax<Min extends string, Max extends string>(min: Min, max: Max) {
  return (bounds: Record<Min | Max, number>, ctx: z.RefinementCtx) => {
    if (bounds[min] > bounds[max])
      ctx.addIssue({
        code: 'custom',
        path: [min],
        message: `${min} ${bounds[min]} is more than ${max} ${bounds[max]}`,
      });
  };
}

export const serviceAutoscaling = z
  .strictObject({
    minReplicas: z
      .number()
      .int()
      .min(1)
      .max(MAX_HPA_REPLICAS)
      .default(1)
      .describe("fewest replicas (Kubernetes' minReplicas, default 1)"),
    maxReplicas: z
      .number()
      .int()
      .min(1)
      .max(MAX_HPA_REPLICAS)
      .describe(`most replicas, at most ${MAX_HPA_REPLICAS}`),
    metrics: z
      .array(hpaMetric)
      .min(1)
      .max(10)
      .prefault([
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ])
      .describe(
        'what it scales on (default: CPU at 80% of the request); with several, the most replicas any proposes',
      ),
    behavior: z
      .strictObject({ scaleUp: scalingRules.optional(), scaleDown: scalingRules.optional() })
      .optional()
      .describe(
        "rate limits and stabilization; given, its missing fields take Kubernetes' defaults; absent, the controller's own limits (max(2 × current, 4) per sync up, 300 s stabilization down)",
      ),
  })
  .superRefine(minNotAboveMax('minReplicas', 'maxReplicas'))
  .optional()
  .describe(
    "a HorizontalPodAutoscaler (autoscaling/v2): it sets the replicas every sync period from the pods' metrics (docs/autoscaling.md)",
  );

export type ServiceAutoscaling = NonNullable<z.output<typeof serviceAutoscaling>>;
export type HpaMetric = z.output<typeof hpaMetric>;

export const poolAutoscaling = z
  .strictObject({
    minNodes: z
      .number()
      .int()
      .min(0)
      .max(MAX_AUTOSCALED_NODES)
      .default(0)
      .describe('fewest nodes the cluster autoscaler keeps (--nodes min, default 0)'),
    maxNodes: z
      .number()
      .int()
      .min(1)
      .max(MAX_AUTOSCALED_NODES)
      .describe(`most nodes it adds up to (--nodes max), at most ${MAX_AUTOSCALED_NODES}`),
    provisioningDelay: duration
      .prefault('60s')
      .describe('from asking the cloud for a node to the node being Ready (default 60s)'),
  })
  .superRefine(minNotAboveMax('minNodes', 'maxNodes'))
  .optional()
  .describe(
    "the cluster autoscaler's node group: nodes added for Pending pods, underused ones removed (docs/autoscaling.md)",
  );

export type PoolAutoscaling = NonNullable<z.output<typeof poolAutoscaling>>;

/** kube-controller-manager's and the autoscalers' flags, for the whole cluster. */
const settingsFields = z
  .strictObject({
    horizontalPodAutoscalerSyncPeriod: positiveDuration
      .prefault('15s')
      .refine((ms) => ms >= 1000, 'must be at least 1s')
      .describe(
        "how often the HPA acts (kube-controller-manager's --horizontal-pod-autoscaler-sync-period, 15s)",
      ),
    horizontalPodAutoscalerTolerance: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe(
        'no change while |1 − ratio| is within this (--horizontal-pod-autoscaler-tolerance, 0.1)',
      ),
    metricResolution: positiveDuration
      .prefault('15s')
      .refine((ms) => ms >= 1000, 'must be at least 1s')
      .describe(
        'how often metrics-server scrapes the kubelets and the window its CPU rate covers (--metric-resolution, 15s)',
      ),
    scanInterval: positiveDuration
      .prefault('10s')
      .refine((ms) => ms >= 1000, 'must be at least 1s')
      .describe('how often the cluster autoscaler looks (--scan-interval, 10s)'),
    scaleDownUtilizationThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        'a node whose pods request less than this share of its allocatable CPU and of its memory is unneeded (--scale-down-utilization-threshold, 0.5)',
      ),
    scaleDownUnneededTime: duration
      .prefault('10m')
      .describe(
        'how long a node is unneeded before it is removed (--scale-down-unneeded-time, 10m)',
      ),
    scaleDownDelayAfterAdd: duration
      .prefault('10m')
      .describe('no scale-down for this long after a scale-up (--scale-down-delay-after-add, 10m)'),
  })
  .prefault({});

/** Optional, so that a scenario without autoscaling resolves to exactly what it did before. */
export const clusterAutoscalingSettings = settingsFields
  .optional()
  .describe(
    "the HPA controller's, metrics-server's and the cluster autoscaler's flags (docs/autoscaling.md)",
  );

export type AutoscalingSettings = z.output<typeof settingsFields>;
export const DEFAULT_AUTOSCALING_SETTINGS: AutoscalingSettings = settingsFields.parse(undefined);
