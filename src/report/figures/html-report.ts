// The offline HTML report: one file, every chart drawn here on the server side as inline
// SVG (the same chart functions `msasim plot` uses), a style sheet and a small script
// inlined. Nothing is fetched: a Content-Security-Policy forbids every request, so even a
// mistake could not reach the network. Built as a DOM (linkedom), so every name from the
// user's files enters as text and is escaped when serialised.
import { parseHTML } from 'linkedom';
import { CHARTS, SCREEN_FIGURE } from '../../charts/index.js';
import type { OutputFolder } from './output-folder.js';

const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 960px; color: #111; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
figure { margin: 1.5em 0; } figcaption { font-size: 0.85em; color: #444; }
.legend-entry { cursor: pointer; } .off { opacity: 0.12; }
.files code { background: #f3f3f3; padding: 0 0.2em; }
`;

// Clicking a legend entry hides (greys out) its series in that chart, and back.
const SCRIPT = `
document.querySelectorAll('svg.msasim-chart .legend-entry').forEach(function (entry) {
  entry.addEventListener('click', function () {
    var svg = entry.closest('svg');
    var key = entry.getAttribute('data-series');
    entry.classList.toggle('off');
    svg.querySelectorAll('[data-series="' + key + '"]').forEach(function (mark) {
      if (mark !== entry) mark.classList.toggle('off');
    });
  });
});
`;

const POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/** The report's HTML text: deterministic, the same folder gives the same bytes. */
export function htmlReport(folder: OutputFolder, source: string): string {
  const { document } = parseHTML(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body></body></html>',
  );
  const head = document.head;
  const meta = document.createElement('meta');
  meta.setAttribute('http-equiv', 'Content-Security-Policy');
  meta.setAttribute('content', POLICY);
  head.appendChild(meta);
  const title = document.createElement('title');
  title.textContent = `msasim report: ${folder.scenario ?? source}`;
  head.appendChild(title);
  const style = document.createElement('style');
  style.textContent = STYLE;
  head.appendChild(style);

  const body = document.body;
  append(document, body, 'h1', `msasim report: ${folder.scenario ?? 'one run'}`);
  if (folder.question !== undefined) append(document, body, 'p', folder.question);
  const files = append(
    document,
    body,
    'p',
    `From ${source} (${folder.kind === 'sweep' ? 'a sweep' : 'one run'}), files read: `,
  );
  files.setAttribute('class', 'files');
  folder.read.forEach((name, i) => {
    if (i > 0) files.appendChild(document.createTextNode(', '));
    append(document, files, 'code', name);
  });
  if (folder.kind === 'run') {
    files.appendChild(
      document.createTextNode('; the tables a sweep would write were made from it.'),
    );
  }

  const absent: string[] = [];
  for (const chart of CHARTS) {
    const figures = chart.figures(folder.files);
    if (figures.length === 0) {
      absent.push(chart.id);
      continue;
    }
    figures.forEach((data, i) => {
      const figure = document.createElement('figure');
      figure.setAttribute('id', figures.length === 1 ? chart.id : `${chart.id}-${i + 1}`);
      body.appendChild(figure);
      chart.draw(figure as unknown as Element, data, SCREEN_FIGURE);
      append(
        document,
        figure,
        'figcaption',
        `Reads ${chart.reads.join(', ')}. Click a legend entry to hide its series; hover a point for its value.`,
      );
    });
  }
  if (absent.length > 0) {
    append(
      document,
      body,
      'p',
      `Not drawn (their data is not in this folder, or it shows nothing to draw, such as pods that never changed): ${absent.join(', ')}.`,
    );
  }
  const script = document.createElement('script');
  script.textContent = SCRIPT;
  body.appendChild(script);
  return `${document.toString()}\n`;
}

// biome-ignore lint/suspicious/noExplicitAny: linkedom's DOM types are its own
function append(document: any, parent: any, tag: string, text: string): any {
  const element = document.createElement(tag);
  element.textContent = text;
  parent.appendChild(element);
  return element;
}
