// The HTML report in a real browser (Debian's Chromium through playwright-core): it opens
// offline with no console error and no request, every chart has drawn marks, a hostile
// variant name is text, and the legend toggles a series. Screenshots are kept.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msasim, SCENARIOS } from '../cli/run-cli.js';
import { keepScreenshot, launchChromium, watchedPage } from '../support/chromium.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const HOSTILE_SCENARIO = join(
  SCENARIOS,
  '..',
  'test',
  'fixtures',
  'report',
  'hostile-variant.yaml',
);

let browser: Browser;
let work: string;

// Two small sweeps, made once: a shipped scenario with a rolling update (about 15 s), and a
// sweep with a variant named to break HTML.
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'msasim-browser-'));
  for (const [scenario, name] of [
    [join(SCENARIOS, 'rolling-update.yaml'), 'rolling-update'],
    [HOSTILE_SCENARIO, 'hostile'],
  ] as const) {
    const sweep = msasim([
      'sweep',
      scenario,
      '--out',
      join(work, name),
      '--html',
      join(work, `${name}.html`),
    ]);
    expect(sweep.status, sweep.stderr).toBe(0);
  }
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

async function openReport(name: string) {
  const watched = await watchedPage(browser);
  const requests: string[] = [];
  watched.page.on('request', (request) => requests.push(request.url()));
  // An injected onerror=alert(1) that ran would open a dialog.
  watched.page.on('dialog', (dialog) => {
    watched.problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const url = pathToFileURL(join(work, `${name}.html`)).href;
  await watched.page.goto(url);
  return { ...watched, requests: requests.filter((r) => r !== url) };
}

describe('the HTML report in Chromium', () => {
  it("opens the report of a shipped scenario's sweep with no error and no request, every chart drawn", async () => {
    const { page, problems, requests } = await openReport('rolling-update');
    const charts = await page.$$eval('svg.msasim-chart', (svgs) =>
      svgs.map((svg) => ({
        chart: svg.getAttribute('data-chart'),
        marks: svg.querySelectorAll('.series path.line, .series .marker, rect.bar, .sg-node')
          .length,
        width: svg.getBoundingClientRect().width,
      })),
    );
    expect(charts.map((c) => c.chart)).toContain('pods-over-time');
    expect(charts.map((c) => c.chart)).toContain('service-graph');
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const chart of charts) {
      expect(chart.marks, String(chart.chart)).toBeGreaterThan(0);
      expect(chart.width).toBeGreaterThan(0);
    }
    await keepScreenshot(page, 'report-rolling-update');
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('shows a hostile variant name as text, with no element made of it', async () => {
    const { page, problems } = await openReport('hostile');
    expect(await page.$$('img')).toHaveLength(0);
    const legendTexts = await page.$$eval('.legend-entry text', (texts) =>
      texts.map((t) => t.textContent),
    );
    expect(legendTexts).toContain(HOSTILE);
    expect(await page.textContent('body p')).toBe(`Does the report show ${HOSTILE} as text?`);
    await keepScreenshot(page, 'report-hostile-name');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('greys out a series when its legend entry is clicked, and back on a second click', async () => {
    const { page, problems } = await openReport('hostile');
    const entry = page.locator('svg[data-chart="latency-cdf"] .legend-entry').first();
    const series = page.locator('svg[data-chart="latency-cdf"] .series[data-series="0"]');
    await entry.click();
    expect(await series.getAttribute('class')).toBe('series off');
    await entry.click();
    expect(await series.getAttribute('class')).toBe('series');
    expect(problems).toEqual([]);
    await page.close();
  });
});
