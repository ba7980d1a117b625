/**
 * The scenario: its schema and types, the loader that reads a file into a validated
 * Scenario (or a ScenarioError listing every problem at its line and column), and the
 * printer that writes a resolved scenario back out.
 */

export { parseDistributionText } from './distribution-text.js';
export {
  formatIssue,
  formatPath,
  type Locate,
  type PathSegment,
  type Position,
  ScenarioError,
  type ScenarioIssue,
} from './errors.js';
export { INSTANCE_TYPES, type InstanceType } from './instance-types.js';
export { parseScenario, parseScenarioValue } from './load.js';
export { documentLocator } from './locate.js';
export { distributionText, formatCpu, formatMemory, formatRate, printScenario } from './print.js';
export {
  type CallConfig,
  type CallStep,
  type EndpointConfig,
  type NodePoolConfig,
  type ProfileConfig,
  type Scenario,
  type ScenarioInput,
  type ServiceConfig,
  scenarioSchema,
  type WorkloadConfig,
} from './schema.js';
export {
  formatDuration,
  parseCpu,
  parseDuration,
  parseFraction,
  parseMemory,
  parseRate,
  UnitError,
} from './units.js';
