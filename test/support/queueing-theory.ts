/**
 * Closed-form results of classic queueing theory, used as the ground truth the simulator
 * is validated against. Pure functions, no simulation code.
 *
 * Notation: lambda = arrival rate, mu = service rate of one server, c = servers,
 * a = lambda / mu = offered load in Erlangs, rho = a / c = utilization of each server.
 * Any time unit works as long as lambda and mu use the same one.
 *
 * Worked example (M/M/2, lambda = 1, mu = 1, so a = 1 and rho = 0.5):
 *   erlangB(2, 1) = (1^2 / 2!) / (1 + 1 + 1/2)                = 1/5
 *   erlangC(2, 1) = 2 * (1/5) / (2 - 1 * (1 - 1/5))            = 1/3
 *   mmcMeanWait(1, 1, 2) = C / (c mu - lambda) = (1/3) / (2 - 1) = 1/3
 * so a third of the customers wait, for 1/3 of a service time on average.
 */

/**
 * Erlang B: probability that an arrival finds all c servers busy in an M/M/c/c loss
 * system (no queue). Uses the stable recurrence B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1))
 * instead of a^c / c! so that large c and a do not overflow.
 * Example: erlangB(1, 1) = 1/2, erlangB(2, 1) = 1/5.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  assertServers(servers);
  if (!(offeredLoad >= 0)) throw new RangeError(`offered load must be >= 0, got ${offeredLoad}`);
  let blocking = 1;
  for (let k = 1; k <= servers; k++) {
    blocking = (offeredLoad * blocking) / (k + offeredLoad * blocking);
  }
  return blocking;
}

/**
 * Erlang C: probability that an arrival has to wait in an M/M/c queue (all servers busy),
 * from Erlang B: C = c B / (c - a (1 - B)). Requires a < c (a stable queue).
 * Example: erlangC(1, rho) = rho; erlangC(2, 1) = 1/3; erlangC(4, 3) = 0.50943...
 */
export function erlangC(servers: number, offeredLoad: number): number {
  assertStable(servers, offeredLoad);
  const blocking = erlangB(servers, offeredLoad);
  return (servers * blocking) / (servers - offeredLoad * (1 - blocking));
}

/**
 * M/M/c mean wait in queue (before service starts): Wq = C(c, a) / (c mu - lambda).
 * Example: M/M/1 with lambda = 0.5, mu = 1: Wq = 0.5 / 0.5 = 1.
 */
export function mmcMeanWait(arrivalRate: number, serviceRate: number, servers: number): number {
  const offeredLoad = arrivalRate / serviceRate;
  return erlangC(servers, offeredLoad) / (servers * serviceRate - arrivalRate);
}

/**
 * M/G/1 mean wait in queue by Pollaczek-Khinchine: Wq = lambda E[S^2] / (2 (1 - rho)).
 * Example: M/M/1 (E[S^2] = 2 / mu^2) with lambda = 0.5, mu = 1: Wq = 0.5 * 2 / 1 = 1.
 */
export function mg1MeanWait(
  arrivalRate: number,
  meanService: number,
  serviceSecondMoment: number,
): number {
  const utilization = arrivalRate * meanService;
  assertStable(1, utilization);
  return (arrivalRate * serviceSecondMoment) / (2 * (1 - utilization));
}

/**
 * M/D/1 mean wait (P-K with E[S^2] = D^2): Wq = rho D / (2 (1 - rho)), half the M/M/1 wait.
 * Example: lambda = 0.5, D = 1: Wq = 0.5 / (2 * 0.5) = 0.5.
 */
export function md1MeanWait(arrivalRate: number, serviceTime: number): number {
  return mg1MeanWait(arrivalRate, serviceTime, serviceTime * serviceTime);
}

export interface FiniteQueueMetrics {
  /** P(an arrival finds K customers in the system and is turned away) = p_K. */
  blockingProbability: number;
  /** P(an admitted customer has to wait) = sum_{n=c}^{K-1} p_n / (1 - p_K). */
  waitProbability: number;
  /** Mean number in the system, L = sum n p_n. */
  meanInSystem: number;
  /** Mean number waiting, Lq = sum_{n>c} (n - c) p_n. */
  meanInQueue: number;
  /** Mean wait in queue of admitted customers, Wq = Lq / (lambda (1 - p_K)) by Little. */
  meanWait: number;
  /** Mean time in system of admitted customers, W = L / (lambda (1 - p_K)). */
  meanSojourn: number;
}

/**
 * M/M/c/K: c servers, at most K customers in the system (K >= c), arrivals that find K
 * present are blocked and lost. Any load is allowed (the queue is finite).
 * Stationary distribution: p_n proportional to a^n / n! for n <= c and
 * a^c / c! * rho^(n-c) for c < n <= K; computed by the ratio p_n / p_(n-1) to avoid
 * factorials.
 * Example: M/M/1/K has p_K = (1 - rho) rho^K / (1 - rho^(K+1)); for M/M/1/2 with rho = 1,
 * p = (1/3, 1/3, 1/3), so blocking = 1/3, L = 1, Lq = 1/3, Wq = (1/3) / (2/3) = 1/2.
 */
export function mmckMetrics(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  capacity: number,
): FiniteQueueMetrics {
  assertServers(servers);
  if (!Number.isInteger(capacity) || capacity < servers) {
    throw new RangeError(`capacity K must be an integer >= c = ${servers}, got ${capacity}`);
  }
  const weights = mmckUnnormalisedProbabilities(arrivalRate / serviceRate, servers, capacity);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const p = weights.map((w) => w / total);
  let meanInSystem = 0;
  let meanInQueue = 0;
  let waitingMass = 0;
  p.forEach((pn, n) => {
    meanInSystem += n * pn;
    if (n > servers) meanInQueue += (n - servers) * pn;
    if (n >= servers && n < capacity) waitingMass += pn;
  });
  const blockingProbability = p[capacity]!;
  const admittedRate = arrivalRate * (1 - blockingProbability);
  return {
    blockingProbability,
    waitProbability: waitingMass / (1 - blockingProbability),
    meanInSystem,
    meanInQueue,
    meanWait: meanInQueue / admittedRate,
    meanSojourn: meanInSystem / admittedRate,
  };
}

function mmckUnnormalisedProbabilities(
  offeredLoad: number,
  servers: number,
  capacity: number,
): number[] {
  const weights = [1];
  for (let n = 1; n <= capacity; n++) {
    // Birth rate lambda, death rate min(n, c) mu.
    weights.push((weights[n - 1]! * offeredLoad) / Math.min(n, servers));
  }
  return weights;
}

/** Whitt's relaxation time of M/M/c, 1 / (c mu (1 - sqrt(rho))^2): how long the queue
 * takes to forget its state. Used to size warm-up periods and batches. */
export function mmcRelaxationTime(arrivalRate: number, serviceRate: number, servers: number) {
  const utilization = arrivalRate / (servers * serviceRate);
  assertStable(servers, arrivalRate / serviceRate);
  return 1 / (servers * serviceRate * (1 - Math.sqrt(utilization)) ** 2);
}

function assertServers(servers: number): void {
  if (!Number.isInteger(servers) || servers < 1) {
    throw new RangeError(`servers must be a positive integer, got ${servers}`);
  }
}

function assertStable(servers: number, offeredLoad: number): void {
  assertServers(servers);
  if (!(offeredLoad >= 0 && offeredLoad < servers)) {
    throw new RangeError(`unstable queue: offered load ${offeredLoad} >= ${servers} servers`);
  }
}
