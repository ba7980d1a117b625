import { execFileSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith, msasim, STACK_LINE, TINY_SCENARIO, traceScenario } from './run-cli.js';

/**
 * Files of any kind given as a scenario or named as a trace: each is bad input (exit 2,
 * one message naming the file, no stack trace), found before anything waits on it,
 * reads it without end, or parses it.
 */

/** Runs `msasim ARGS` in `dir` and expects exit 2 with exactly `message` on stderr. */
function expectRefused(args: readonly string[], dir: string, message: string): void {
  const { status, stdout, stderr } = msasim(args, dir);
  expect(stderr).not.toMatch(STACK_LINE);
  expect(stderr).toBe(`${message}\n`);
  expect(stdout).toBe('');
  expect(status).toBe(2);
}

const REGULAR_ONLY = 'msasim reads only regular files (save the content to one first)';
const SAVE_AS_UTF8 = 'save it as UTF-8, the only encoding msasim reads';

describe('a scenario that is not a regular file is refused without reading it', () => {
  it('a named pipe, which would block the read forever: every command that reads one', () => {
    const dir = folderWith({});
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    for (const command of ['validate', 'run', 'explain', 'sweep']) {
      expectRefused(
        [command, 'pipe.yaml'],
        dir,
        `cannot read scenario file "pipe.yaml": it is a named pipe (FIFO); ${REGULAR_ONLY}`,
      );
    }
  });

  it('a device that never ends', () => {
    expectRefused(
      ['validate', '/dev/urandom'],
      folderWith({}),
      `cannot read scenario file "/dev/urandom": it is a character device; ${REGULAR_ONLY}`,
    );
  });

  it('a directory', () => {
    const dir = folderWith({});
    mkdirSync(join(dir, 'folder.yaml'));
    expectRefused(
      ['run', 'folder.yaml'],
      dir,
      'cannot read scenario file "folder.yaml": it is a directory',
    );
  });
});

describe('a scenario file over 1 MB is refused before it is parsed, pointing to trace files', () => {
  const fix =
    'a scenario file may hold at most 1 MB: put bulk data such as recorded arrivals in a trace file (trace: { file: arrivals.csv, format: timestamps }), which msasim reads as a stream, or raise the limit with --max-scenario-size';

  it('exactly 1 MB is read; one byte over is refused, its size shown exactly', () => {
    const padded = `${TINY_SCENARIO}#${'x'.repeat(1_000_000)}`;
    const dir = folderWith({
      'full.yaml': `${padded.slice(0, 999_999)}\n`,
      'big.yaml': `${padded.slice(0, 1_000_000)}\n`,
    });
    const full = msasim(['validate', 'full.yaml'], dir);
    expect(full.stdout.split('\n')[0]).toBe('full.yaml: ok (2 services, 1 workload)');
    expect(full.status).toBe(0);
    expectRefused(
      ['validate', 'big.yaml'],
      dir,
      `scenario file "big.yaml" holds 1,000,001 bytes; ${fix} 1.1MB`,
    );
  });

  it('50 MB, which took 120 s and 3 GB to parse', () => {
    const dir = folderWith({ 'huge.yaml': TINY_SCENARIO });
    truncateSync(join(dir, 'huge.yaml'), 50_000_000); // sparse: no 50 MB written
    expectRefused(['run', 'huge.yaml'], dir, `scenario file "huge.yaml" holds 50 MB; ${fix} 50MB`);
  });
});

describe('--max-scenario-size and --max-trace-size raise (or lower) the size limits', () => {
  it('a scenario of 1,000,001 bytes is read by validate, run, sweep and explain with 1.1MB', () => {
    const padded = `${TINY_SCENARIO}#${'x'.repeat(1_000_000)}`;
    const dir = folderWith({ 'big.yaml': `${padded.slice(0, 1_000_000)}\n` });
    for (const command of ['validate', 'run', 'sweep', 'explain']) {
      const { status, stderr } = msasim([command, 'big.yaml', '--max-scenario-size', '1.1MB'], dir);
      expect({ command, status }).toEqual({ command, status: 0 });
      // (sweep shows its progress on stderr)
      expect(stderr).not.toContain('big.yaml');
    }
  });

  it('a trace over a lowered limit is refused naming the option and a size that lets it in', () => {
    const dir = folderWith({
      'replay.yaml': traceScenario('5s', ' { file: t.csv, format: timestamps }'),
      't.csv': '0.1\n0.2\n0.3\n',
    });
    for (const command of ['validate', 'run', 'sweep', 'explain']) {
      expectRefused(
        [command, 'replay.yaml', '--max-trace-size', '10'],
        dir,
        'replay.yaml:11:20: workload[0].trace.file: trace file "t.csv" holds 12 bytes; a trace file may hold at most 10 bytes: give per-second counts instead of one timestamp per request (format: rates), split the trace over several workloads, or raise the limit with --max-trace-size 12',
      );
    }
    expect(msasim(['validate', 'replay.yaml', '--max-trace-size', '12'], dir).status).toBe(0);
  });

  it.each([
    [
      ['--max-scenario-size', 'lots'],
      '--max-scenario-size must be a number > 0, like 5MB or 500KB; got "lots"',
    ],
    [
      ['--max-trace-size', '0'],
      '--max-trace-size must be a number > 0, like 1GB or 500MB; got "0"',
    ],
    [
      ['--max-trace-size', '-5MB'],
      '--max-trace-size must be a number > 0, like 1GB or 500MB; got "-5MB"',
    ],
    [
      ['--max-scenario-size', '1MB', '--max-scenario-size', '2MB'],
      '--max-scenario-size is given 2 times ("1MB", "2MB"); give it once',
    ],
  ])('a bad value is a usage error naming the option: %j', (flags, message) => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    for (const command of ['validate', 'run', 'sweep', 'explain']) {
      expectRefused(
        [command, 'tiny.yaml', ...flags],
        dir,
        `msasim: ${message}\nRun msasim --help.`,
      );
    }
  });
});

describe('a scenario in another encoding than UTF-8 says which, once', () => {
  const cases: [string, Buffer, string][] = [
    [
      'UTF-16 with a byte order mark',
      Buffer.from(`\uFEFF${TINY_SCENARIO}`, 'utf16le'),
      `is UTF-16 (little-endian) text; ${SAVE_AS_UTF8}`,
    ],
    [
      'UTF-16 big-endian without one',
      Buffer.from(TINY_SCENARIO, 'utf16le').swap16(),
      `is UTF-16 (big-endian) text; ${SAVE_AS_UTF8}`,
    ],
    [
      'UTF-32',
      Buffer.from([0xff, 0xfe, 0, 0, 0x6e, 0, 0, 0]),
      `is UTF-32 (little-endian) text; ${SAVE_AS_UTF8}`,
    ],
    [
      'Latin-1',
      // TINY_SCENARIO is 18 lines: the é is on line 19.
      Buffer.from(`${TINY_SCENARIO}description: café\n`, 'latin1'),
      `is not UTF-8 text (line 19 holds bytes UTF-8 does not allow, as Latin-1 or Windows-1252 text would); ${SAVE_AS_UTF8}`,
    ],
    [
      'binary data',
      Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]),
      'is binary data (it holds NUL bytes), not text',
    ],
  ];
  for (const [label, bytes, message] of cases) {
    it(label, () => {
      const dir = folderWith({});
      writeFileSync(join(dir, 's.yaml'), bytes);
      expectRefused(['validate', 's.yaml'], dir, `scenario file "s.yaml" ${message}`);
    });
  }

  it('UTF-8 with a byte order mark is read like UTF-8 without', () => {
    const dir = folderWith({ 'bom.yaml': `\uFEFF${TINY_SCENARIO}` });
    const { status, stdout } = msasim(['validate', 'bom.yaml'], dir);
    expect(stdout.split('\n')[0]).toBe('bom.yaml: ok (2 services, 1 workload)');
    expect(status).toBe(0);
  });
});

describe('a trace file msasim cannot read is located at the field that names it', () => {
  const scenario = traceScenario('5s', ' { file: TRACE, format: timestamps }');
  const at = 'replay.yaml:11:20: workload[0].trace.file:';

  function refusedTrace(trace: string, dir: string, message: string): void {
    writeFileSync(join(dir, 'replay.yaml'), scenario.replace('TRACE', trace));
    expectRefused(['validate', 'replay.yaml'], dir, `${at} ${message}`);
  }

  it('/dev/zero, which never ends', () => {
    refusedTrace(
      '/dev/zero',
      folderWith({}),
      `cannot read trace file "/dev/zero" (/dev/zero): it is a character device; ${REGULAR_ONLY}`,
    );
  });

  it('a named pipe', () => {
    const dir = folderWith({});
    execFileSync('mkfifo', [join(dir, 'live.csv')]);
    refusedTrace(
      'live.csv',
      dir,
      `cannot read trace file "live.csv" (${join(dir, 'live.csv')}): it is a named pipe (FIFO); ${REGULAR_ONLY}`,
    );
  });

  it('over 200 MB, refused before reading', () => {
    const dir = folderWith({ 'all.csv': '1\n' });
    truncateSync(join(dir, 'all.csv'), 200_000_001); // sparse
    refusedTrace(
      'all.csv',
      dir,
      'trace file "all.csv" holds 200,000,001 bytes; a trace file may hold at most 200 MB: give per-second counts instead of one timestamp per request (format: rates), split the trace over several workloads, or raise the limit with --max-trace-size 210MB',
    );
  });

  it('UTF-16', () => {
    const dir = folderWith({});
    writeFileSync(join(dir, 'arrivals.csv'), Buffer.from('\uFEFFtime\n1\n', 'utf16le'));
    refusedTrace(
      'arrivals.csv',
      dir,
      `trace file "arrivals.csv" is UTF-16 (little-endian) text; ${SAVE_AS_UTF8}`,
    );
  });
});

describe('YAML that would blow up: one located message', () => {
  it('a block map 1,000 levels deep', () => {
    let text = 'name: deep\nextra:\n';
    for (let level = 1; level <= 1000; level++) text += `${' '.repeat(level)}a:\n`;
    const { status, stderr } = msasim(['validate', 'deep.yaml'], folderWith({ 'deep.yaml': text }));
    expect(stderr).toMatch(
      /^deep\.yaml:\d+:\d+: \(yaml\): the YAML is nested more than 64 levels deep here, far deeper than a scenario needs \(about 10\)\n$/,
    );
    expect(status).toBe(2);
  });

  it('a "billion laughs" document', () => {
    const lines = ['name: laughs', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level <= 9; level++) {
      lines.push(
        `a${level}: &a${level} [${Array(10)
          .fill(`*a${level - 1}`)
          .join(', ')}]`,
      );
    }
    expectRefused(
      ['validate', 'laughs.yaml'],
      folderWith({ 'laughs.yaml': `${lines.join('\n')}\n` }),
      'laughs.yaml:7:45: (yaml): with its aliases expanded the document holds more than 1,000,000 values, far more than a scenario needs; an alias repeats the whole node it stands for, so aliases of nodes that hold aliases multiply',
    );
  });

  it('a service named __proto__', () => {
    const text = TINY_SCENARIO.replace('  db:\n', '  __proto__:\n');
    expectRefused(
      ['run', 'proto.yaml'],
      folderWith({ 'proto.yaml': text }),
      'proto.yaml:10:3: services.__proto__: "__proto__" cannot name anything in a scenario (JavaScript reserves it); choose another name',
    );
  });
});

describe('merge keys', () => {
  it('a sweep over services that merge a base validates as sweep would read it', () => {
    const text = `name: merged
duration: 2s
services:
  api: &service
    resources: { requests: { cpu: 100m } }
    endpoints:
      get: { cpu: 1ms, calls: [db.query] }
  db:
    <<: *service
    endpoints:
      query: { cpu: 1ms }
workload:
  - { name: users, arrivals: poisson, rate: 10/s, target: api.get }
sweep:
  variants:
    one: {}
    two: { services.db.replicas: 2 }
`;
    const { status, stdout, stderr } = msasim(
      ['validate', 'merged.yaml'],
      folderWith({ 'merged.yaml': text }),
    );
    expect(stderr).toBe('');
    expect(stdout.split('\n')[0]).toBe(
      'merged.yaml: ok (2 services, 1 workload, a sweep of 2 runs)',
    );
    expect(status).toBe(0);
  });
});
