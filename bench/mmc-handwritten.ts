/**
 * The baseline for the engine benchmark: the same M/M/c model as bench/engine.bench.ts,
 * written the way one would write it by hand for speed, with no engine at all.
 *
 * Everything is in one function so that V8 keeps the state in registers: an event heap
 * over typed arrays (keyed by time only; with continuous random times ties do not occur),
 * an inline sfc32 generator, and the model logic inside the event loop. Same event count
 * as the engine model: one arrival and one departure per customer.
 */

export interface MmcParameters {
  servers: number;
  arrivalRate: number;
  serviceRate: number;
  customers: number;
  seed: number;
}

export interface MmcOutcome {
  events: number;
  /** Mean wait in queue over all customers (for the sanity check against Erlang C). */
  meanWait: number;
}

const ARRIVAL = 0;
const DEPARTURE = 1;

export function runHandwrittenMmc(p: MmcParameters): MmcOutcome {
  // sfc32 (Chris Doty-Humphrey's small fast counter), seeded through splitmix32.
  let seedState = p.seed | 0;
  const splitmix32 = (): number => {
    seedState = (seedState + 0x9e3779b9) | 0;
    let z = seedState;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  let ra = splitmix32();
  let rb = splitmix32();
  let rc = splitmix32();
  let rd = splitmix32();
  const uniform = (): number => {
    const t = (((ra + rb) | 0) + rd) | 0;
    rd = (rd + 1) | 0;
    ra = rb ^ (rb >>> 9);
    rb = (rc + (rc << 3)) | 0;
    rc = (rc << 21) | (rc >>> 11);
    rc = (rc + t) | 0;
    return (t >>> 0) / 4294967296;
  };

  // At most one arrival and `servers` departures are ever pending.
  const heapCapacity = p.servers + 2;
  const heapTime = new Float64Array(heapCapacity);
  const heapKind = new Uint8Array(heapCapacity);
  let heapSize = 0;
  const push = (time: number, kind: number): void => {
    let i = heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapTime[parent]! <= time) break;
      heapTime[i] = heapTime[parent]!;
      heapKind[i] = heapKind[parent]!;
      i = parent;
    }
    heapTime[i] = time;
    heapKind[i] = kind;
  };
  // Removes the root; the caller has read heapTime[0] and heapKind[0] first.
  const popRoot = (): void => {
    const last = --heapSize;
    const time = heapTime[last]!;
    const kind = heapKind[last]!;
    let i = 0;
    while (true) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && heapTime[child + 1]! < heapTime[child]!) child++;
      if (time <= heapTime[child]!) break;
      heapTime[i] = heapTime[child]!;
      heapKind[i] = heapKind[child]!;
      i = child;
    }
    heapTime[i] = time;
    heapKind[i] = kind;
  };

  // FIFO of waiting customers' arrival times: a power-of-two ring buffer that doubles.
  let fifo: Float64Array = new Float64Array(1 << 12);
  let fifoHead = 0;
  let fifoLength = 0;

  let arrivals = 0;
  let busyServers = 0;
  let events = 0;
  let totalWait = 0;
  push(-Math.log(1 - uniform()) / p.arrivalRate, ARRIVAL);
  while (heapSize > 0) {
    const now = heapTime[0]!;
    const kind = heapKind[0]!;
    popRoot();
    events++;
    if (kind === ARRIVAL) {
      arrivals++;
      if (arrivals < p.customers) push(now - Math.log(1 - uniform()) / p.arrivalRate, ARRIVAL);
      if (busyServers < p.servers) {
        busyServers++;
        push(now - Math.log(1 - uniform()) / p.serviceRate, DEPARTURE);
      } else {
        if (fifoLength === fifo.length) {
          fifo = doubleRing(fifo, fifoHead, fifoLength);
          fifoHead = 0;
        }
        fifo[(fifoHead + fifoLength++) & (fifo.length - 1)] = now;
      }
    } else if (fifoLength > 0) {
      totalWait += now - fifo[fifoHead]!;
      fifoHead = (fifoHead + 1) & (fifo.length - 1);
      fifoLength--;
      push(now - Math.log(1 - uniform()) / p.serviceRate, DEPARTURE);
    } else {
      busyServers--;
    }
  }
  return { events, meanWait: totalWait / p.customers };
}

/** A ring buffer twice as large holding the same items, the oldest at index 0. */
export function doubleRing(ring: Float64Array, head: number, length: number): Float64Array {
  const larger = new Float64Array(ring.length * 2);
  for (let i = 0; i < length; i++) larger[i] = ring[(head + i) & (ring.length - 1)]!;
  return larger;
}
