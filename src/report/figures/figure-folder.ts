// The SVG files `msasim plot` writes into its --svg folder. Without --overwrite every figure
// is a new file; with it, plot replaces its own figure names (<chart id>.svg, <chart id>-N.svg)
// and removes those of an earlier plot that this one does not draw (a sweep with fewer
// services has fewer service graphs), so the folder never mixes two plots. Any other file
// there is the user's and is left alone.
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CHARTS } from '../../charts/index.js';
import { existsProblem } from './new-file.js';

/** Whether `name` is one plot gives a figure (latency-cdf.svg, service-graph-2.svg). */
export function isFigureName(name: string): boolean {
  const match = /^(.+?)(-\d+)?\.svg$/.exec(name);
  return match !== null && CHARTS.some((chart) => chart.id === match[1]);
}

/** The first reason the figures cannot be written into `dir`, or undefined. */
export async function figureFolderProblem(
  dir: string,
  names: readonly string[],
  overwrite: boolean,
): Promise<string | undefined> {
  for (const name of names) {
    const path = join(dir, name);
    const existing = await lstat(path).catch(() => undefined);
    if (existing === undefined) continue;
    if (!overwrite) {
      return existsProblem(
        path,
        'choose a new --svg folder, remove it, or add --overwrite to replace the figures plot writes',
      );
    }
    if (!existing.isFile()) {
      return `${path} is ${existing.isDirectory() ? 'a folder' : 'not a regular file'}, where plot writes a figure: move it away, or choose a new --svg folder`;
    }
  }
  return undefined;
}

/** Removes the figures of an earlier plot in `dir` that this one (`names`) does not write. */
export async function removeStaleFigures(dir: string, names: readonly string[]): Promise<string[]> {
  const writing = new Set(names);
  const stale = (await readdir(dir)).filter((name) => isFigureName(name) && !writing.has(name));
  for (const name of stale.sort()) {
    if ((await lstat(join(dir, name))).isFile()) await rm(join(dir, name));
  }
  return stale;
}
