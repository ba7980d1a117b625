export {
  createDistribution,
  type Distribution,
  describeDistribution,
} from './distributions/index.js';
export type { DistributionKind, DistributionSpec } from './distributions/spec.js';
export { type EventAction, type EventHandle, MAX_PRIORITY, MIN_PRIORITY } from './event-queue.js';
export { type ProcessBody, type ProcessHandle, startProcess } from './process.js';
export { createStream, type RandomStream, RandomStreams } from './random.js';
export {
  EventBudgetExceededError,
  type RunOptions,
  Simulation,
  type SimulationOptions,
  type TimerId,
} from './simulation.js';
