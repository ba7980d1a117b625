import { rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msasim, STACK_LINE } from '../cli/run-cli.js';
import { DAMAGE_KINDS, type Damage, damage } from '../support/folder-damage.js';
import {
  buildReference,
  copyOf,
  removeFolders,
  subtree,
  treeOf,
} from '../support/sweep-folders.js';

/**
 * The second promise of issue 9, over generated damage: whatever mix of damage a sweep's
 * folders suffer, `sweep --resume`, a fresh `sweep`, `sweep --overwrite` and `merge` end
 * with exit 0 or 2 (never a crash), and change no file they may not change. Inputs (the
 * scenario, merge's shard folders) never change; an output folder changes only when the
 * command succeeds, and then only at the names msasim writes; the run files --resume
 * keeps are byte for byte as they were.
 */

const COMMANDS = {
  resume: ['sweep', 's.yaml', '--out', 'out', '--resume'],
  fresh: ['sweep', 's.yaml', '--out', 'out'],
  overwrite: ['sweep', 's.yaml', '--out', 'out', '--overwrite'],
  merge: ['merge', 'sa', 'sb', '--out', 'merged'],
  'merge-into-out': ['merge', 'sa', 'sb', '--out', 'out'],
} as const;

type Command = keyof typeof COMMANDS;

/** The names msasim writes in a sweep folder `dir`: what a successful command may change. */
function isMsasimName(path: string, dir: string): boolean {
  const name = path.slice(dir.length + 1);
  return (
    /^runs\/(0|[1-9]\d*)\.json$/.test(name) ||
    /^(sweep\.json|runs\.csv|summary\.csv|timeseries\.csv|edges\.csv|services\.csv|endpoints\.csv|results\.json)$/.test(
      name,
    ) ||
    name === 'runs'
  );
}

/** Every command reads the scenario or the shard folders; only its --out may change. */
const INPUTS = ['s.yaml', 'sa', 'sb'];
const OUTPUT: Record<Command, string> = {
  resume: 'out',
  fresh: 'out',
  overwrite: 'out',
  merge: 'merged',
  'merge-into-out': 'out',
};

const damageArbitrary = fc.record({
  folder: fc.constantFrom('out', 'sa', 'sb'),
  kind: fc.constantFrom(...DAMAGE_KINDS),
  pick: fc.nat({ max: 7 }),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
});

/** One damage can make the next impossible (copying from a run file that is now a link). */
function applyIfPossible(dir: string, one: Damage): void {
  try {
    damage(dir, one);
  } catch {
    // the folder keeps the damage done so far
  }
}

let reference: string;

// Three sweeps through the CLI: longer than a hook's default 10 s on a busy machine.
beforeAll(() => {
  reference = buildReference();
}, 120_000);

afterAll(() => {
  removeFolders(reference);
});

describe('damaged sweep folders (property)', () => {
  it('exit 0 or 2, never another code; no input changed; outputs only at msasim names', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(COMMANDS) as Command[])),
        fc.array(damageArbitrary, { minLength: 1, maxLength: 3 }),
        (command, damages) => {
          const root = copyOf(reference);
          try {
            for (const { folder, ...one } of damages) applyIfPossible(join(root, folder), one);
            const before = treeOf(root);
            const { status, stderr } = msasim(COMMANDS[command], root);
            expect(stderr).not.toMatch(STACK_LINE);
            expect(stderr).not.toContain('internal error');
            expect([0, 2]).toContain(status);
            const after = treeOf(root);
            const output = OUTPUT[command];
            for (const input of INPUTS) {
              expect(subtree(after, input)).toEqual(subtree(before, input));
            }
            if (status === 2) {
              expect(after).toEqual(before);
              return;
            }
            for (const [path, hash] of Object.entries(subtree(before, output))) {
              const mayChange =
                isMsasimName(path, output) && !(command === 'resume' && path.includes('/runs/'));
              if (!mayChange) expect(after[path], path).toBe(hash);
            }
          } finally {
            rmSync(root, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 300_000);
});
