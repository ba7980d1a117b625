import { axisBottom, axisLeft, extent, line, max, scaleLinear, select } from 'd3';
import type { WindowMetrics } from '../src/metrics/run-result.js';

/**
 * The small charts beside the graph: requests per second, p99 latency and failed requests
 * per window of the run's time series (timeseries.csv's "total" rows, as they close).
 */
interface ChartSpec {
  title: string;
  value: (row: WindowMetrics, windowSec: number) => number | null;
}

const CHARTS: ChartSpec[] = [
  { title: 'requests/s', value: (row, sec) => row.requests / sec },
  { title: 'p99 (ms)', value: (row) => row.p99Ms },
  { title: 'failed per window', value: (row) => row.failed },
];

const WIDTH = 320;
const HEIGHT = 170;
const MARGIN = { top: 26, right: 10, bottom: 26, left: 52 };

export class LiveCharts {
  private rows: WindowMetrics[] = [];
  private readonly svgs: SVGSVGElement[];

  constructor(
    container: HTMLElement,
    private readonly windowMs: number,
  ) {
    container.replaceChildren();
    this.svgs = CHARTS.map((chart) => {
      const svg = select(container)
        .append('svg')
        .attr('class', 'live-chart')
        .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
        .attr('font-size', 13);
      svg.append('text').attr('x', 4).attr('y', 16).attr('font-weight', 'bold').text(chart.title);
      svg.append('g').attr('class', 'x-axis');
      svg.append('g').attr('class', 'y-axis');
      svg
        .append('path')
        .attr('class', 'series')
        .attr('fill', 'none')
        .attr('stroke', '#0066cc')
        .attr('stroke-width', 2.5);
      return svg.node()!;
    });
  }

  add(rows: readonly WindowMetrics[]): void {
    if (rows.length === 0) return;
    this.rows.push(...rows);
    this.draw();
  }

  get windows(): number {
    return this.rows.length;
  }

  private draw(): void {
    const sec = this.windowMs / 1000;
    const x = scaleLinear()
      .domain(extent(this.rows, (r) => r.startMs / 1000) as [number, number])
      .range([MARGIN.left, WIDTH - MARGIN.right]);
    CHARTS.forEach((chart, i) => {
      const points = this.rows
        .map((row) => ({ t: row.startMs / 1000, v: chart.value(row, sec) }))
        .filter((p): p is { t: number; v: number } => p.v !== null);
      const y = scaleLinear()
        .domain([0, (max(points, (p) => p.v) ?? 1) || 1])
        .nice()
        .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
      const svg = select(this.svgs[i]!);
      svg
        .select<SVGGElement>('g.x-axis')
        .attr('transform', `translate(0,${HEIGHT - MARGIN.bottom})`)
        .call(
          axisBottom(x)
            .ticks(4)
            .tickFormat((t) => `${t}s`),
        );
      svg
        .select<SVGGElement>('g.y-axis')
        .attr('transform', `translate(${MARGIN.left},0)`)
        .call(axisLeft(y).ticks(4));
      svg.select('path.series').attr(
        'd',
        line<{ t: number; v: number }>()
          .x((p) => x(p.t))
          .y((p) => y(p.v))(points) ?? '',
      );
    });
  }
}
