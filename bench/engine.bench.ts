/**
 * Engine throughput benchmark (`npm run bench:engine`): compiled by tsc with
 * bench/tsconfig.json into dist-bench/ and run by plain node, no test runner involved.
 *
 * 1. M/M/c on the engine (c = 4, rho = 0.8, 2,000,000 customers, 2 events per customer).
 * 2. The classic "hold" model: 10,000 pending events; each event schedules one more at
 *    now + Exp(1). Measures the event queue at a realistic depth.
 * 3. The same M/M/c written by hand (bench/mmc-handwritten.ts): the speed of light.
 * Engine and hand loop alternate for a few repetitions and the best of each is reported,
 * which filters out interference on a small, noisy machine.
 *
 * Output: human-readable lines, the hold model as a JSON line, and last a JSON line for
 * M/M/c: {"model":"mmc","customers",...,"events_per_sec",...,"ratio":engine/hand}.
 */
import { createStream } from '../src/engine/random.js';
import { Simulation } from '../src/engine/simulation.js';
import { doubleRing, type MmcParameters, runHandwrittenMmc } from './mmc-handwritten.js';

const MMC: MmcParameters = {
  servers: 4,
  arrivalRate: 3.2, // rho = 3.2 / (4 * 1) = 0.8
  serviceRate: 1,
  customers: 2_000_000,
  seed: 20261125,
};
const REPETITIONS = 5;
const HOLD_PENDING = 10_000;
const HOLD_EVENTS = 4_000_000;
/** The sanity bound on mean wait vs Erlang C: about 4x the 99.9% CI half-width of a run. */
const SANITY_RELATIVE_ERROR = 0.15;

/** The M/M/c model on the engine: two callbacks bound once, waiting customers in a ring. */
class EngineMmc {
  private readonly sim = new Simulation();
  private readonly arrivalUniform: () => number;
  private readonly serviceUniform: () => number;
  private fifo: Float64Array = new Float64Array(1 << 12);
  private fifoHead = 0;
  private fifoLength = 0;
  private arrivals = 0;
  private busyServers = 0;
  private totalWait = 0;

  constructor(private readonly p: MmcParameters) {
    this.arrivalUniform = createStream(p.seed, 'arrivals').next;
    this.serviceUniform = createStream(p.seed, 'service').next;
  }

  run(): { events: number; meanWait: number } {
    this.sim.schedule(this.interarrivalTime(), this.onArrival, undefined);
    this.sim.run();
    return { events: this.sim.eventsProcessed, meanWait: this.totalWait / this.p.customers };
  }

  private readonly onArrival = (): void => {
    if (++this.arrivals < this.p.customers) {
      this.sim.schedule(this.interarrivalTime(), this.onArrival, undefined);
    }
    if (this.busyServers < this.p.servers) {
      this.busyServers++;
      this.sim.schedule(this.serviceTime(), this.onDeparture, undefined);
    } else {
      this.enqueue(this.sim.now);
    }
  };

  private readonly onDeparture = (): void => {
    if (this.fifoLength > 0) {
      this.totalWait += this.sim.now - this.dequeue();
      this.sim.schedule(this.serviceTime(), this.onDeparture, undefined);
    } else {
      this.busyServers--;
    }
  };

  private enqueue(arrivalTime: number): void {
    if (this.fifoLength === this.fifo.length) {
      this.fifo = doubleRing(this.fifo, this.fifoHead, this.fifoLength);
      this.fifoHead = 0;
    }
    this.fifo[(this.fifoHead + this.fifoLength++) & (this.fifo.length - 1)] = arrivalTime;
  }

  private dequeue(): number {
    const arrivalTime = this.fifo[this.fifoHead]!;
    this.fifoHead = (this.fifoHead + 1) & (this.fifo.length - 1);
    this.fifoLength--;
    return arrivalTime;
  }

  private interarrivalTime(): number {
    return -Math.log(1 - this.arrivalUniform()) / this.p.arrivalRate;
  }

  private serviceTime(): number {
    return -Math.log(1 - this.serviceUniform()) / this.p.serviceRate;
  }
}

/** Hold model: every event schedules its successor, so the queue depth stays constant. */
class HoldModel {
  private readonly sim = new Simulation();
  private readonly uniform = createStream(1, 'hold').next;
  private processed = 0;

  constructor(private readonly target: number) {
    for (let i = 0; i < HOLD_PENDING; i++)
      this.sim.schedule(this.holdTime(), this.onHold, undefined);
  }

  run(): number {
    this.sim.run();
    return this.processed;
  }

  private readonly onHold = (): void => {
    if (++this.processed >= this.target) this.sim.stop();
    this.sim.schedule(this.holdTime(), this.onHold, undefined);
  };

  private holdTime(): number {
    return -Math.log(1 - this.uniform());
  }
}

interface Timed<T> {
  result: T;
  seconds: number;
}

function timed<T>(work: () => T): Timed<T> {
  (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: start each run clean
  const start = process.hrtime.bigint();
  const result = work();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** Erlang C mean wait in queue for M/M/c (duplicated from test/support: bench is standalone). */
function erlangCMeanWait({ servers, arrivalRate, serviceRate }: MmcParameters): number {
  const load = arrivalRate / serviceRate;
  let blocking = 1;
  for (let k = 1; k <= servers; k++) blocking = (load * blocking) / (k + load * blocking);
  const waitProbability = (servers * blocking) / (servers - load * (1 - blocking));
  return waitProbability / (servers * serviceRate - arrivalRate);
}

/** Refuses to report a speed for a model that does not compute the right answer. */
function checkSanity(label: string, meanWait: number, events: number): void {
  const theory = erlangCMeanWait(MMC);
  const error = meanWait / theory - 1;
  console.log(
    `  ${label}: mean wait ${meanWait.toFixed(4)} vs Erlang C ${theory.toFixed(4)} ` +
      `(${(100 * error).toFixed(2)}%)`,
  );
  if (Math.abs(error) > SANITY_RELATIVE_ERROR || events !== 2 * MMC.customers) {
    throw new Error(`${label}: model is broken (mean wait ${meanWait}, ${events} events)`);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function describeRates(label: string, rates: readonly number[]): void {
  const millions = (r: number) => (r / 1e6).toFixed(2);
  console.log(
    `${label}: best ${millions(Math.max(...rates))} M events/s, ` +
      `median ${millions(median(rates))}, all [${rates.map(millions).join(', ')}]`,
  );
}

function benchMmc(): { engineRate: number; handRate: number; events: number } {
  const engineRates: number[] = [];
  const handRates: number[] = [];
  let events = 0;
  const runEngine = () => timed(() => new EngineMmc(MMC).run());
  const runHand = () => timed(() => runHandwrittenMmc(MMC));
  for (let rep = 0; rep < REPETITIONS; rep++) {
    // Alternate which runs first, so neither always gets the warmer (or noisier) slot.
    const handFirst = rep % 2 === 1 ? runHand() : undefined;
    const engine = runEngine();
    const hand = handFirst ?? runHand();
    if (rep === 0) {
      console.log('sanity check (first repetition):');
      checkSanity('engine', engine.result.meanWait, engine.result.events);
      checkSanity('hand loop', hand.result.meanWait, hand.result.events);
    }
    events = engine.result.events;
    engineRates.push(engine.result.events / engine.seconds);
    handRates.push(hand.result.events / hand.seconds);
  }
  describeRates('M/M/4 rho=0.8 engine   ', engineRates);
  describeRates('M/M/4 rho=0.8 hand loop', handRates);
  return { engineRate: Math.max(...engineRates), handRate: Math.max(...handRates), events };
}

function benchHold(): number {
  const rates: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const model = new HoldModel(HOLD_EVENTS);
    const run = timed(() => model.run());
    rates.push(run.result / run.seconds);
  }
  describeRates(`hold, ${HOLD_PENDING} pending       `, rates);
  return Math.max(...rates);
}

function main(): void {
  console.log(`engine benchmark: node ${process.version}, best of ${REPETITIONS} repetitions`);
  const mmc = benchMmc();
  const holdRate = benchHold();
  const ratio = mmc.engineRate / mmc.handRate;
  console.log(`engine / hand loop: ${ratio.toFixed(3)}`);
  console.log(
    JSON.stringify({
      model: 'hold',
      pending: HOLD_PENDING,
      events: HOLD_EVENTS,
      events_per_sec: Math.round(holdRate),
    }),
  );
  console.log(
    JSON.stringify({
      model: 'mmc',
      customers: MMC.customers,
      events: mmc.events,
      events_per_sec: Math.round(mmc.engineRate),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      handwritten_events_per_sec: Math.round(mmc.handRate),
      ratio: Number(ratio.toFixed(3)),
    }),
  );
}

main();
