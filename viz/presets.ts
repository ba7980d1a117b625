/**
 * Presets: each demonstrates one concept with a shipped scenario, as a before/after pair run
 * with the same seed. `before`/`after` are a sweep variant of the file (by name) or overrides
 * written as a variant writes them.
 */
export interface Preset {
  title: string;
  scenario: string;
  /** what to look at, for the person in front of the class */
  note: string;
  before: string | Record<string, unknown>;
  after: string | Record<string, unknown>;
}

export const PRESETS: Record<string, Preset> = {
  'rolling-no-slack': {
    title: 'Rolling update with maxSurge 0 and maxUnavailable 0',
    scenario: 'rolling-update',
    note: 'Kubernetes refuses a RollingUpdate with maxSurge 0 and maxUnavailable 0 (apps validation: "may not be 0 when maxSurge is 0"): the rollout could neither add a pod nor remove one, so it could never progress. The "after" run shows the refusal; move maxSurge to 1 and watch a surge-only update: a new pod comes up before each old one leaves.',
    before: 'default',
    after: {
      'services.api.strategy.rollingUpdate.maxSurge': 0,
      'services.api.strategy.rollingUpdate.maxUnavailable': 0,
    },
  },
  'retry-storm': {
    title: 'A retry storm',
    scenario: 'retry-storm',
    note: 'The database slows down. Without retries some requests fail; with 3 retries at two hops every failure becomes up to 16 calls, the database drowns and far more fail. Watch the db edge turn red and the rate on it climb above what the clients send.',
    before: 'no-retries',
    after: 'aggressive-retries',
  },
  'cold-start-burst': {
    title: 'A cold-start burst',
    scenario: 'cold-start-bursts',
    note: 'Bursts of calls to a Java function: each burst needs more instances than are warm, and every new one starts cold (the ❄ count). Provisioned concurrency keeps 100 initialized: fewer cold starts, a lower p99, and a fixed hourly price.',
    before: 'on-demand',
    after: 'provisioned-100',
  },
  'sidecar-overhead': {
    title: 'Sidecar overhead',
    scenario: 'mesh-overhead',
    note: 'The same chain without a mesh and with an Envoy sidecar in every pod: each hop passes two proxies. Compare p50 and p99 and the cost in the table at the end.',
    before: 'none',
    after: 'sidecar',
  },
};
