import { describe, expect, it } from 'vitest';
import { progressDisplay } from '../../src/cli/progress.js';

/** A non-terminal stream that keeps what is written. */
function captured() {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (text: string) => lines.push(text) };
  return { lines, stream: stream as unknown as NodeJS.WriteStream };
}

describe('sweep progress outside a terminal', () => {
  it('is one plain line per finished run, with counts and no control characters', () => {
    const { lines, stream } = captured();
    const display = progressDisplay(stream);
    display.update({ done: 0, failed: 0, total: 3 });
    display.update({ done: 1, failed: 0, total: 3, runId: 0 });
    display.update({ done: 2, failed: 1, total: 3, runId: 1 });
    display.stop();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^sweep: 1\/3 runs \(0 failed\), ETA \d+\.\ds, \d+\.\ds elapsed\n$/);
    expect(lines[1]).toMatch(/^sweep: 2\/3 runs \(1 failed\), /);
    expect(lines.join('')).not.toContain(String.fromCharCode(27));
  });

  it('counts the ETA from runs done in this session, not runs resumed from disk', () => {
    const { lines, stream } = captured();
    const display = progressDisplay(stream);
    display.update({ done: 8, failed: 0, total: 10 });
    expect(lines).toEqual(['sweep: 8 of 10 runs already complete\n']);
    display.update({ done: 9, failed: 0, total: 10, runId: 8 });
    expect(lines[1]).toMatch(/^sweep: 9\/10 runs \(0 failed\), ETA /);
  });
});
