import { createHash } from 'node:crypto';
import {
  cpSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { msasim } from '../cli/run-cli.js';

/**
 * Sweep folders to damage: a small sweep (2 variants × 2 replications = 4 runs of 2 s),
 * run once whole into `out` and once as two shards into `sa` and `sb`, beside its s.yaml.
 * The reference is built once; each case damages its own copy.
 */

export const SWEEP_SCENARIO = `name: folders
seed: 5
duration: 2s
services:
  api:
    endpoints:
      get: { cpu: 1ms }
workload:
  - name: users
    arrivals: poisson
    rate: 20/s
    target: api.get
sweep:
  replications: 2
  variants:
    a: {}
    b: { services.api.replicas: 2 }
`;

export function buildReference(): string {
  const root = mkdtempSync(join(tmpdir(), 'msasim-reference-'));
  writeFileSync(join(root, 's.yaml'), SWEEP_SCENARIO);
  for (const args of [
    ['sweep', 's.yaml', '--out', 'out', '--workers', '1'],
    ['sweep', 's.yaml', '--out', 'sa', '--shard', '0/2', '--workers', '1'],
    ['sweep', 's.yaml', '--out', 'sb', '--shard', '1/2', '--workers', '1'],
  ]) {
    const { status, stderr } = msasim(args, root);
    if (status !== 0) throw new Error(`setup failed: msasim ${args.join(' ')}: ${stderr}`);
  }
  return root;
}

const copies: string[] = [];

export function copyOf(reference: string): string {
  const root = mkdtempSync(join(tmpdir(), 'msasim-damaged-'));
  cpSync(reference, root, { recursive: true, verbatimSymlinks: true });
  copies.push(root);
  return root;
}

/** Removes the reference and every copy made of it (for afterAll). */
export function removeFolders(reference: string): void {
  for (const dir of [reference, ...copies.splice(0)]) rmSync(dir, { recursive: true, force: true });
}

/**
 * Every entry under `dir` by relative path: a file by the hash of its bytes, a folder as
 * "folder", a link by its target (links are not followed). Equal trees mean nothing was
 * added, removed or changed.
 */
export function treeOf(dir: string): Record<string, string> {
  const tree: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const name of readdirSync(join(dir, relative))) {
      const path = join(relative, name);
      const stats = lstatSync(join(dir, path));
      if (stats.isSymbolicLink()) tree[path] = `link to ${readlinkSync(join(dir, path))}`;
      else if (stats.isDirectory()) {
        tree[path] = 'folder';
        walk(path);
      } else
        tree[path] = createHash('sha256')
          .update(readFileSync(join(dir, path)))
          .digest('hex');
    }
  };
  walk('');
  return tree;
}

/** The entries of a tree under `prefix` (a folder's relative path). */
export function subtree(tree: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).filter(([path]) => path === prefix || path.startsWith(`${prefix}/`)),
  );
}
