import { createStream } from '../../src/engine/random.js';
import { Simulation } from '../../src/engine/simulation.js';

/**
 * A c-server FIFO queueing station (M/M/c, M/D/c, M/M/c/K) built on the engine's
 * Simulation alone, to validate the engine against queueing theory.
 *
 * Its only events are arrivals and departures. Actions are created once per station and
 * carry no per-event data, so the model itself allocates nothing per event: waiting
 * customers live in typed arrays, not objects.
 */

export type ServiceSpec =
  | { kind: 'exponential'; rate: number }
  | { kind: 'deterministic'; time: number };

export type StationEventKind = 'arrival' | 'departure';

export interface StationConfig {
  arrivalRate: number;
  servers: number;
  service: ServiceSpec;
  /** K: most customers in the system (queue + service); later arrivals are blocked. */
  capacity?: number;
  /** Arrivals to generate; the run then drains every admitted customer. */
  customers: number;
  seed: number | string;
  /** Uniform sources; default: the engine's named streams `arrivals` and `service`. */
  uniforms?: { arrivals: () => number; service: () => number };
  /** Called before each event is handled, e.g. to record a trace. */
  onEvent?: (kind: StationEventKind, time: number) => void;
}

export interface StationResult {
  /** Wait in queue of each admitted customer, in arrival order. */
  waits: Float64Array;
  /** 1 when the admitted customer found every server busy and had to queue. */
  waited: Uint8Array;
  /** 1 for each arrival (in arrival order) turned away because the system was full. */
  blocked: Uint8Array;
  arrivals: number;
  admitted: number;
  blockedCount: number;
  eventsProcessed: number;
  endTime: number;
}

export function simulateStation(config: StationConfig): StationResult {
  return new Station(config).run();
}

class Station {
  private readonly sim = new Simulation();
  private readonly nextArrivalUniform: () => number;
  private readonly nextServiceUniform: () => number;
  private readonly capacity: number;

  private readonly waits: Float64Array;
  private readonly waited: Uint8Array;
  private readonly blocked: Uint8Array;
  /** Arrival time of each admitted customer, indexed by admission order. */
  private readonly arrivalTimes: Float64Array;
  /**
   * FIFO of waiting customers' admission indices. Each customer enters it at most once, so
   * a plain array with ever-increasing head and tail needs no wrap-around.
   */
  private readonly fifo: Int32Array;
  private fifoHead = 0;
  private fifoTail = 0;

  private arrivals = 0;
  private admitted = 0;
  private blockedCount = 0;
  private busyServers = 0;

  constructor(private readonly config: StationConfig) {
    const uniforms = config.uniforms ?? {
      arrivals: createStream(config.seed, 'arrivals').next,
      service: createStream(config.seed, 'service').next,
    };
    this.nextArrivalUniform = uniforms.arrivals;
    this.nextServiceUniform = uniforms.service;
    this.capacity = config.capacity ?? Number.POSITIVE_INFINITY;
    this.waits = new Float64Array(config.customers);
    this.waited = new Uint8Array(config.customers);
    this.blocked = new Uint8Array(config.customers);
    this.arrivalTimes = new Float64Array(config.customers);
    this.fifo = new Int32Array(config.customers);
  }

  run(): StationResult {
    if (this.config.customers > 0) {
      this.sim.schedule(this.interarrivalTime(), this.onArrival, undefined);
    }
    this.sim.run();
    return {
      waits: this.waits.subarray(0, this.admitted),
      waited: this.waited.subarray(0, this.admitted),
      blocked: this.blocked,
      arrivals: this.arrivals,
      admitted: this.admitted,
      blockedCount: this.blockedCount,
      eventsProcessed: this.sim.eventsProcessed,
      endTime: this.sim.now,
    };
  }

  // Arrow properties: bound once, so scheduling them allocates no closure per event.
  private readonly onArrival = (): void => {
    this.config.onEvent?.('arrival', this.sim.now);
    const arrival = this.arrivals++;
    if (this.arrivals < this.config.customers) {
      this.sim.schedule(this.interarrivalTime(), this.onArrival, undefined);
    }
    if (this.inSystem() >= this.capacity) {
      this.blocked[arrival] = 1;
      this.blockedCount++;
      return;
    }
    const customer = this.admitted++;
    this.arrivalTimes[customer] = this.sim.now;
    if (this.busyServers < this.config.servers) {
      this.busyServers++;
      this.startService(customer);
    } else {
      this.waited[customer] = 1;
      this.fifo[this.fifoTail++] = customer;
    }
  };

  private readonly onDeparture = (): void => {
    this.config.onEvent?.('departure', this.sim.now);
    if (this.fifoHead < this.fifoTail) {
      // The freed server goes straight to the head of the queue.
      this.startService(this.fifo[this.fifoHead++]!);
    } else {
      this.busyServers--;
    }
  };

  private startService(customer: number): void {
    this.waits[customer] = this.sim.now - this.arrivalTimes[customer]!;
    this.sim.schedule(this.serviceTime(), this.onDeparture, undefined);
  }

  private inSystem(): number {
    return this.busyServers + (this.fifoTail - this.fifoHead);
  }

  private interarrivalTime(): number {
    return exponential(this.nextArrivalUniform(), this.config.arrivalRate);
  }

  private serviceTime(): number {
    const service = this.config.service;
    if (service.kind === 'deterministic') return service.time;
    return exponential(this.nextServiceUniform(), service.rate);
  }
}

/** Inversion: -ln(1 - U) / rate; 1 - U is in (0, 1], so the log is finite. */
function exponential(uniform: number, rate: number): number {
  return -Math.log(1 - uniform) / rate;
}
