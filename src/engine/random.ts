import seedrandom from 'seedrandom';

/**
 * Seeded random streams. A run has one master seed; every component draws from its own
 * named stream (`arrivals`, `svc:checkout:service-time`, ...) whose seed is derived from
 * (master seed, stream name) alone. So adding a stream, or creating streams in another
 * order, never changes any other stream's numbers, and two strategies compared in one
 * sweep see the same arrivals (common random numbers).
 *
 * Generator: seedrandom's xor4096 (Brent's xorgens, period 2^4096 - 1, passes BigCrush),
 * about 6x faster than seedrandom's default ARC4 on this project's machine.
 */

/** A stream of uniform numbers in [0, 1) (32 bits of resolution). */
export interface RandomStream {
  readonly name: string;
  /** The next uniform in [0, 1). A bound function: safe to pass around detached. */
  readonly next: () => number;
}

export function createStream(masterSeed: number | string, name: string): RandomStream {
  const generator = seedrandom.xor4096(`${masterSeed}\u0000${name}`);
  return { name, next: generator };
}

/** Hands out named streams for one run; asking twice for a name gives the same stream. */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly masterSeed: number | string) {}

  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = createStream(this.masterSeed, name);
      this.streams.set(name, stream);
    }
    return stream;
  }
}
