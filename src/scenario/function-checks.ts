import type { Problem } from './errors.js';
import { dnsLabel } from './fields.js';
import { DEFAULT_ACCOUNT_CONCURRENCY } from './function-schema.js';
import type { Scenario } from './schema.js';

/** Lambda keeps this much of the account's concurrency unreserved (its documentation). */
export const UNRESERVED_MINIMUM = 100;

/**
 * Checks of `functions:` that involve more than one field: names (DNS labels, none also a
 * service's), provisioned within reserved concurrency, and reservations that leave the
 * account the 100 unreserved executions Lambda insists on.
 */
export function checkFunctions(scenario: Scenario): Problem[] {
  const functions = scenario.functions;
  if (functions === undefined) return [];
  const problems: Problem[] = [];
  let reserved = 0;
  for (const [name, config] of Object.entries(functions)) {
    const path = ['functions', name];
    const label = dnsLabel.safeParse(name);
    if (!label.success)
      problems.push({
        path,
        at: 'key',
        message: `function name ${label.error.issues[0]!.message}`,
      });
    if (Object.hasOwn(scenario.services, name))
      problems.push({
        path,
        at: 'key',
        message: `"${name}" is also a service: a function and a service need different names`,
      });
    const { reservedConcurrency, provisionedConcurrency } = config;
    reserved += reservedConcurrency ?? 0;
    if (reservedConcurrency !== undefined && provisionedConcurrency > reservedConcurrency)
      problems.push({
        path: [...path, 'provisionedConcurrency'],
        message: `must be at most its reservedConcurrency (${reservedConcurrency})`,
      });
  }
  const account = scenario.serverless?.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY;
  if (reserved > account - UNRESERVED_MINIMUM)
    problems.push({
      path: ['functions'],
      message: `the functions reserve ${reserved} concurrent executions; at most ${account - UNRESERVED_MINIMUM} may be reserved (serverless.accountConcurrency ${account} less the ${UNRESERVED_MINIMUM} Lambda keeps unreserved)`,
    });
  return problems;
}
