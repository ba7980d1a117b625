/// <reference lib="dom" />
import type { ChartOptions } from './chart-style.js';
import type { OutputFiles } from './output-files.js';

/**
 * A chart of the report and of `msasim plot`: which files it reads, the figures it finds in
 * a folder's files (none when its data is absent: then it is not drawn), and how it draws one.
 */
export interface Chart<D> {
  /** file name stem of its SVG, and the report's anchor */
  readonly id: string;
  /** the output files it reads */
  readonly reads: readonly string[];
  figures(files: OutputFiles): D[];
  draw(container: Element, data: D, options: ChartOptions): void;
}
