import {
  drawServiceGraph,
  type EdgeLabel,
  layoutGraph,
  type ServiceGraphSnapshot,
} from '../src/charts/service-graph.js';
import type { LiveView } from '../src/model/live-view.js';
import { ViewHistory } from './graph-data.js';
import { LiveCharts } from './live-charts.js';
import type { FinalNumbers, PageMessage, RunOutline, WorkerMessage } from './protocol.js';

export interface RunSource {
  fileName: string;
  text: string;
}

/**
 * One run on the page: its worker, its graph, counters and charts, and its final numbers.
 * It asks the worker for one thing at a time and drops answers about an older run.
 */
export class RunPanel {
  readonly element: HTMLElement;
  private readonly worker = new Worker('worker.js', { type: 'module' });
  private runId = 0;
  private waiting = false;
  private history = new ViewHistory();
  private charts: LiveCharts | undefined;
  outline: RunOutline | undefined;
  numbers: FinalNumbers | undefined;
  json: string | undefined;
  failed = false;
  private edgeLabel: EdgeLabel = 'rate';
  /** messages held until the worker says it is ready */
  private queued: PageMessage[] | undefined = [];

  constructor(
    parent: HTMLElement,
    private readonly label: string,
    private readonly changed: () => void,
  ) {
    this.element = document.createElement('section');
    this.element.className = 'run';
    this.element.dataset.run = label;
    this.element.innerHTML = `
      <h2><span class="title"></span><span class="stage"></span></h2>
      <div class="counters">
        <div>simulated time<b data-counter="time">0 s</b></div>
        <div>events<b data-counter="events">0</b></div>
        <div>requests ended<b data-counter="requests">0</b></div>
        <div>failed<b data-counter="failed">0</b></div>
      </div>
      <div class="error" hidden></div>
      <svg class="graph"></svg>
      <div class="legend">pods: <span style="color:#8a8d90">● pending</span><span style="color:#2b9af3">● starting</span><span style="color:#3e8635">● ready</span><span style="color:#c9190b">● terminating</span> (outlined: a new version) · health: green &lt; 0.1% errors, gold ≥ 0.1%, red &gt; 10%</div>
      <div class="charts"></div>
      <div class="final"></div>
      <pre class="result-json"></pre>`;
    parent.append(this.element);
    this.worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    // A worker that cannot start or throws outside a message says so here, not in its answers.
    this.worker.onerror = (event) => {
      this.failed = true;
      this.showError(`the simulation's worker failed: ${event.message}`);
      console.error(`the simulation's worker failed: ${event.message}`);
      this.changed();
    };
  }

  get ended(): boolean {
    return this.numbers !== undefined || this.failed;
  }

  get timeMs(): number {
    return this.history.latest()?.timeMs ?? 0;
  }

  load(source: RunSource, seed: number | undefined, overrides: Record<string, unknown>): void {
    this.runId++;
    this.waiting = true;
    this.outline = undefined;
    this.numbers = undefined;
    this.json = undefined;
    this.failed = false;
    this.history = new ViewHistory();
    this.query('.final').replaceChildren();
    this.query('pre.result-json').textContent = '';
    this.query('.charts').replaceChildren();
    this.query('svg.graph').replaceChildren();
    this.showError(undefined);
    this.post({
      type: 'load',
      runId: this.runId,
      fileName: source.fileName,
      text: source.text,
      seed,
      overrides,
    });
  }

  /** Asks for the events up to `timeMs`, unless an answer is still awaited (it then comes first). */
  advanceTo(timeMs: number): void {
    if (this.waiting || this.ended || this.outline === undefined) return;
    this.waiting = true;
    this.post({ type: 'advanceTo', runId: this.runId, timeMs });
  }

  step(unit: 'event' | 'decision'): void {
    if (this.waiting || this.ended || this.outline === undefined) return;
    this.waiting = true;
    this.post({ type: 'step', runId: this.runId, unit });
  }

  /** Runs to the end; asked before the run is built, it follows the load (messages keep their order). */
  finish(): void {
    if (this.ended) return;
    this.waiting = true;
    this.post({ type: 'finish', runId: this.runId });
  }

  setEdgeLabel(label: EdgeLabel): void {
    this.edgeLabel = label;
    this.drawGraph();
  }

  private post(message: PageMessage): void {
    if (this.queued !== undefined) this.queued.push(message);
    else this.worker.postMessage(message);
  }

  private receive(message: WorkerMessage): void {
    if (message.type === 'ready') {
      for (const held of this.queued ?? []) this.worker.postMessage(held);
      this.queued = undefined;
      return;
    }
    if (message.runId !== this.runId) return;
    this.waiting = false;
    if (message.type === 'error') {
      this.failed = true;
      this.showError(message.message);
    } else if (message.type === 'loaded') {
      this.outline = message.outline;
      this.query('.title').textContent =
        `${this.label}: ${message.outline.scenario} (seed ${message.outline.seed})`;
      this.charts = new LiveCharts(this.query('.charts'), message.outline.windowMs);
    } else if (message.type === 'view') {
      this.show(message.view);
    } else {
      this.numbers = message.numbers;
      this.json = message.json;
      this.show(message.view);
      this.query('pre.result-json').textContent = message.json;
      this.showFinal(message.numbers);
    }
    this.changed();
  }

  private show(view: LiveView): void {
    this.history.add(view);
    this.charts?.add(view.newWindows);
    this.count('time', `${(view.timeMs / 1000).toFixed(1)} s`);
    this.count('events', view.events.toLocaleString('en'));
    this.count('requests', view.requests.toLocaleString('en'));
    this.count('failed', view.failed.toLocaleString('en'));
    this.query('.stage').textContent =
      view.stage === 'warmup' ? 'warm-up (not measured)' : view.stage;
    this.drawGraph();
  }

  private drawGraph(): void {
    if (this.outline === undefined) return;
    const graph = this.history.graph(this.numbers !== undefined, this.outline);
    if (graph === undefined) return;
    drawServiceGraph(this.query<SVGSVGElement>('svg.graph'), graph, {
      width: 900,
      // Room for the tallest column of nodes: about 100 px each, at the projector's font size.
      height: Math.max(420, 100 * tallestColumn(graph)),
      edgeLabel: this.edgeLabel,
      trafficDots: this.numbers === undefined,
      fontSize: 18,
    });
  }

  private showFinal(numbers: FinalNumbers): void {
    const rows = finalRows(numbers)
      .map(([name, value]) => `<tr><th>${name}</th><td data-final="${name}">${value}</td></tr>`)
      .join('');
    this.query('.final').innerHTML =
      `<h2>Final numbers (as <code>msasim run --json</code>)</h2><table>${rows}</table>`;
    const blob = new Blob([this.json ?? ''], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'result.json';
    link.textContent = 'Download result.json';
    this.query('.final').append(link);
  }

  private showError(message: string | undefined): void {
    const box = this.query('.error');
    box.hidden = message === undefined;
    box.textContent = message ?? '';
  }

  private count(name: string, text: string): void {
    this.query(`[data-counter="${name}"]`).textContent = text;
  }

  private query<T extends Element = HTMLElement>(selector: string): T {
    return this.element.querySelector(selector) as T;
  }
}

/** The most nodes the layout puts in one column (one depth of calls). */
function tallestColumn(graph: ServiceGraphSnapshot): number {
  const columns = new Map<number, number>();
  for (const { x } of layoutGraph(graph, 1000, 1000).values())
    columns.set(x, (columns.get(x) ?? 0) + 1);
  return Math.max(1, ...columns.values());
}

/** The headline numbers as the page shows them: name, value as text. */
export function finalRows(n: FinalNumbers): [string, string][] {
  const ms = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} ms`);
  return [
    ['requests', String(n.requests)],
    ['succeeded', String(n.succeeded)],
    ['failed', String(n.failed)],
    ['availability', n.availability === null ? '—' : `${(n.availability * 100).toFixed(3)}%`],
    ['throughput', `${n.throughputPerSec.toFixed(2)}/s`],
    ['p50', ms(n.p50Ms)],
    ['p99', ms(n.p99Ms)],
    ['cost', `$${n.costUsd.toFixed(4)}`],
    ['events', String(n.events)],
  ];
}
