import { deploymentStrategySchema } from '../../scenario/deployment-schema.js';
import { scenarioSchema } from '../../scenario/schema.js';
import { eventLines } from './explain-events.js';
import { strategyText } from './explain-strategy.js';

const STRATEGY_PATH = /^services\.([^.]+)\.strategy$/;
const EVENTS = scenarioSchema.shape.events;

/**
 * A sweep variant's overrides: each as written (`path = value`), except a service's
 * `strategy` and the `events`, which are described as the scenario's own are (the
 * canary-rollback scenario's canaries, blue/green and releases are variants). An override
 * that does not parse stays as written: sweep refuses it, at its line.
 */
export function variantOverridesText(overrides: Record<string, unknown>): {
  set: string[];
  described: string[];
} {
  const set: string[] = [];
  const described: string[] = [];
  for (const [path, value] of Object.entries(overrides)) {
    const lines = describedOverride(path, value);
    set.push(lines === undefined ? `${path} = ${JSON.stringify(value)}` : `${path} as below`);
    described.push(...(lines ?? []));
  }
  return { set, described };
}

function describedOverride(path: string, value: unknown): string[] | undefined {
  const service = STRATEGY_PATH.exec(path)?.[1];
  if (service !== undefined) {
    const strategy = deploymentStrategySchema.safeParse(value);
    return strategy.success ? strategyText(service, strategy.data) : undefined;
  }
  if (path !== 'events') return undefined;
  const events = EVENTS.safeParse(value);
  return events.success ? eventLines(events.data ?? []) : undefined;
}
