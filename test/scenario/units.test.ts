import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  parseCpu,
  parseDuration,
  parseFraction,
  parseMemory,
  parseRate,
  UnitError,
} from '../../src/scenario/units.js';

const DURATION_ERROR =
  'expected a duration with a unit (us, ms, s, m, h, d), like 250ms, 2s, 5m or 1m30s; got';
const CPU_ERROR = 'expected a CPU quantity like 500m, 0.5 or 2 (cores); got';
const MEMORY_ERROR = 'expected a memory quantity like 256Mi, 1Gi or 512M; got';
const RATE_ERROR =
  'expected a rate like 300/s, 2/h or 18000/m (a plain number means per second); got';
const FRACTION_ERROR = 'expected a probability between 0 and 1, or a percentage like 2.5%; got';

function errorMessage(parse: (input: unknown) => unknown, input: unknown): string {
  try {
    parse(input);
  } catch (error) {
    expect(error).toBeInstanceOf(UnitError);
    return (error as Error).message;
  }
  throw new Error(`parsed ${String(input)} without an error`);
}

describe('parseDuration reads durations into milliseconds', () => {
  it.each([
    ['250ms', 250],
    ['2s', 2000],
    ['1.5m', 90_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['500us', 0.5],
    ['500µs', 0.5],
    ['.5s', 500],
    ['1e3ms', 1000],
    [' 2s ', 2000],
    ['0', 0],
    [0, 0],
  ])('%j is %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  // Go's time.ParseDuration, which Kubernetes uses, reads a sequence of numbers each with
  // a unit and sums them: any order, a unit twice.
  it.each([
    ['1m30s', 90_000],
    ['2h45m', 9_900_000],
    ['1h10m10s', 4_210_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['300ms', 300],
    ['1s500ms', 1500],
    ['1m0.5s', 60_500],
    ['1d12h', 129_600_000],
    ['2s250ms500us', 2250.5],
    ['30s1m', 90_000],
    ['1s1s', 2000],
    [' 1m30s ', 90_000],
  ])('combined %j is %d ms, as Go reads it', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each([
    [30, `${DURATION_ERROR} 30`],
    ['30', `${DURATION_ERROR} "30" (30 has no unit)`],
    ['2 s', `${DURATION_ERROR} "2 s"`],
    ['-1s', `${DURATION_ERROR} "-1s"`],
    ['2sec', `${DURATION_ERROR} "2sec" (sec is not a unit)`],
    ['1m30', `${DURATION_ERROR} "1m30" (30 has no unit)`],
    ['m30s', `${DURATION_ERROR} "m30s"`],
    ['1x', `${DURATION_ERROR} "1x" (x is not a unit)`],
    ['1m 30s', `${DURATION_ERROR} "1m 30s" (" 30s" after 1m is not a number with a unit)`],
    ['1m-30s', `${DURATION_ERROR} "1m-30s" ("-30s" after 1m is not a number with a unit)`],
    ['1ns', `${DURATION_ERROR} "1ns" (ns is not a unit)`],
    ['1H30M', `${DURATION_ERROR} "1H30M"`],
    ['1constructor', `${DURATION_ERROR} "1constructor" (constructor is not a unit)`],
    ['', `${DURATION_ERROR} ""`],
    [true, `${DURATION_ERROR} true`],
    [null, `${DURATION_ERROR} null`],
    [['1s'], `${DURATION_ERROR} a list`],
  ])('rejects %j', (input, message) => {
    expect(errorMessage(parseDuration, input)).toBe(message);
  });
});

describe('parseCpu reads Kubernetes CPU quantities into cores', () => {
  it.each([
    ['500m', 0.5],
    ['2', 2],
    ['0.25', 0.25],
    ['1500m', 1.5],
    [2, 2],
    [0.5, 0.5],
    [0, 0],
  ])('%j is %d cores', (input, cores) => {
    expect(parseCpu(input)).toBe(cores);
  });

  it.each([
    ['500mc', `${CPU_ERROR} "500mc"`],
    ['2 cores', `${CPU_ERROR} "2 cores"`],
    [-1, `${CPU_ERROR} -1`],
    [Number.POSITIVE_INFINITY, `${CPU_ERROR} Infinity`],
    [{ cores: 2 }, `${CPU_ERROR} a mapping`],
  ])('rejects %j', (input, message) => {
    expect(errorMessage(parseCpu, input)).toBe(message);
  });
});

describe('parseMemory reads Kubernetes memory quantities into bytes', () => {
  it.each([
    ['256Mi', 268_435_456],
    ['1Gi', 1_073_741_824],
    ['1.5Gi', 1_610_612_736],
    ['1Ki', 1024],
    ['1Ti', 2 ** 40],
    ['512M', 512_000_000],
    ['1k', 1000],
    ['2G', 2e9],
    ['1T', 1e12],
    ['1000', 1000],
    [4096, 4096],
  ])('%j is %d bytes', (input, bytes) => {
    expect(parseMemory(input)).toBe(bytes);
  });

  it.each([
    ['256MB', `${MEMORY_ERROR} "256MB"`],
    ['1 Gi', `${MEMORY_ERROR} "1 Gi"`],
    ['1gi', `${MEMORY_ERROR} "1gi"`],
    [-5, `${MEMORY_ERROR} -5`],
  ])('rejects %j', (input, message) => {
    expect(errorMessage(parseMemory, input)).toBe(message);
  });
});

describe('parseRate reads rates into events per second', () => {
  it.each([
    ['300/s', 300],
    ['18000/m', 300],
    ['7200/h', 2],
    ['86400/d', 1],
    ['5/ms', 5000],
    ['1 / s', 1],
    ['10', 10],
    [10, 10],
    [0, 0],
  ])('%j is %d per second', (input, perSecond) => {
    expect(parseRate(input)).toBe(perSecond);
  });

  it('keeps slow rates exact in their own unit: 2/h is 2 × (1/3600) per second', () => {
    expect(parseRate('2/h')).toBe(2 * (1 / 3600));
  });

  it.each([
    ['300/sec', `${RATE_ERROR} "300/sec"`],
    ['300 per second', `${RATE_ERROR} "300 per second"`],
    ['1e999/s', `${RATE_ERROR} "1e999/s"`],
    [-1, `${RATE_ERROR} -1`],
  ])('rejects %j', (input, message) => {
    expect(errorMessage(parseRate, input)).toBe(message);
  });
});

describe('parseFraction reads probabilities and percentages into [0, 1]', () => {
  it.each([
    ['2.5%', 0.025],
    ['100%', 1],
    ['0%', 0],
    ['0.7', 0.7],
    ['.5', 0.5],
    [0.7, 0.7],
    [1, 1],
    [0, 0],
  ])('%j is %d', (input, fraction) => {
    expect(parseFraction(input)).toBe(fraction);
  });

  it.each([
    [1.5, `${FRACTION_ERROR} 1.5`],
    ['150%', `${FRACTION_ERROR} "150%"`],
    [-0.1, `${FRACTION_ERROR} -0.1`],
    ['half', `${FRACTION_ERROR} "half"`],
  ])('rejects %j', (input, message) => {
    expect(errorMessage(parseFraction, input)).toBe(message);
  });
});

describe('formatDuration writes milliseconds in the largest exact unit', () => {
  it.each([
    [0, '0'],
    [0.5, '0.5ms'],
    [250, '250ms'],
    [1500, '1500ms'],
    [2000, '2s'],
    [90_000, '90s'],
    [60_000, '1m'],
    [3_600_000, '1h'],
    [5_400_000, '90m'],
    [86_400_000, '1d'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([0.5, 250, 1500, 90_000, 5_400_000, 86_400_000])(
    'writes %d ms so that parseDuration reads it back exactly',
    (ms) => {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    },
  );
});

describe('scientific notation is read wherever a number is, as YAML reads numbers', () => {
  it.each([
    [parseFraction, '1e-9', 1e-9],
    [parseFraction, '2.5E-1', 0.25],
    [parseFraction, '1e-1%', 0.001],
    [parseCpu, '1e-3', 0.001],
    [parseCpu, '5e2m', 0.5],
    [parseMemory, '1e9', 1e9],
    [parseMemory, '1.5e3Mi', 1500 * 2 ** 20],
    [parseRate, '1e3/s', 1000],
    [parseRate, '2e2', 200],
  ])('%o reads %j as %d', (parse, input, value) => {
    expect(parse(input)).toBe(value);
  });

  it.each([
    [parseCpu, `${CPU_ERROR} "1e999"`],
    [parseMemory, `${MEMORY_ERROR} "1e999"`],
    [parseRate, `${RATE_ERROR} "1e999"`],
    [parseFraction, `${FRACTION_ERROR} "1e999"`],
  ])('%o refuses a number too large to be finite', (parse, message) => {
    expect(errorMessage(parse, '1e999')).toBe(message);
  });
});
