import type { Problem } from './errors.js';
import { dnsLabel } from './fields.js';
import { DEFAULT_ACCOUNT_CONCURRENCY } from './function-schema.js';
import type { Scenario } from './schema.js';

type FunctionConfig = NonNullable<Scenario['functions']>[string];

/** The runtimes Lambda offers SnapStart on (Java 11+, Python 3.12+, .NET 8+). */
const SNAPSTART_RUNTIMES: readonly string[] = ['java', 'java-snapstart', 'python', 'dotnet'];
const SNAPSTART_DOCS = 'docs.aws.amazon.com/lambda/latest/dg/snapstart.html';

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
    problems.push(...snapStartProblems(config, path), ...gatewayProblems(config, path));
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

/**
 * What Lambda refuses with SnapStart ("Supported features and limitations", SNAPSTART_DOCS):
 * provisioned concurrency, ephemeral storage above 512 MB, and runtimes other than Java,
 * Python and .NET.
 */
function snapStartProblems(config: FunctionConfig, path: readonly string[]): Problem[] {
  if (!config.snapStart) return [];
  const at = [...path, 'snapStart'];
  const problems: Problem[] = [];
  if (config.provisionedConcurrency > 0)
    problems.push({
      path: at,
      message: `SnapStart cannot be used with provisioned concurrency (${config.provisionedConcurrency} here): Lambda refuses the combination (${SNAPSTART_DOCS}); keep one of the two`,
    });
  if (config.ephemeralStorageMb > 512)
    problems.push({
      path: at,
      message: `SnapStart needs ephemeralStorageMb of 512 at most (${config.ephemeralStorageMb} here), as Lambda requires (${SNAPSTART_DOCS})`,
    });
  if (!SNAPSTART_RUNTIMES.includes(config.runtime))
    problems.push({
      path: at,
      message: `SnapStart exists for java, python and dotnet only, not ${config.runtime} (${SNAPSTART_DOCS})`,
    });
  return problems;
}

/** API Gateway's integration timeout bounds by API type (its quotas page). */
const INTEGRATION_TIMEOUT_MS = {
  http: { min: 50, max: 30_000, text: '50ms to 30s on an HTTP API' },
  rest: {
    min: 50,
    max: 300_000,
    text: '50ms to 300s on a REST API (above 29s only with a quota increase)',
  },
} as const;

function gatewayProblems(config: FunctionConfig, path: readonly string[]): Problem[] {
  const gateway = config.gateway;
  if (gateway?.integrationTimeout === undefined) return [];
  const bounds = INTEGRATION_TIMEOUT_MS[gateway.type];
  const ms = gateway.integrationTimeout;
  if (ms >= bounds.min && ms <= bounds.max) return [];
  return [
    {
      path: [...path, 'gateway', 'integrationTimeout'],
      message: `must be ${bounds.text}`,
    },
  ];
}
