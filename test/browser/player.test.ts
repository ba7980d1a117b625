import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildViz } from '../../scripts/build-viz.js';
import {
  keepScreenshot,
  launchChromium,
  type WatchedPage,
  watchedPage,
} from '../support/chromium.js';

/**
 * The player (viz/) as a person uses it: built as `npm run build` builds it, served by a
 * tiny static server, driven in Debian's Chromium. Its numbers must be the CLI's.
 */
const SCENARIO = 'mesh-overhead';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

let dir: string;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'msasim-viz-'));
  await buildViz(dir);
  server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    try {
      const body = readFileSync(join(dir, path === '' ? 'index.html' : path));
      response.writeHead(200, {
        'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function cliJson(file: string, seed: number): string {
  return execFileSync(
    process.execPath,
    ['dist/cli/main.js', 'run', file, '--seed', String(seed), '--json'],
    {
      encoding: 'utf8',
    },
  );
}

/**
 * The browser's V8 (Chromium's) and Node's compute Math.exp, Math.log and Math.pow with
 * different libraries, which may differ in the last bit (measured: Node 20's V8 11.3 against
 * Chromium 156, every transcendental function). Same events, same counts: every count,
 * name and key must be equal, every real number equal to 1e-9 of itself.
 */
function expectSameResult(page: unknown, cli: unknown, path = 'result'): void {
  if (typeof cli === 'number' && typeof page === 'number' && !Number.isInteger(cli)) {
    const scale = Math.max(Math.abs(cli), Math.abs(page), Number.MIN_VALUE);
    if (Math.abs(cli - page) / scale > 1e-9) expect.fail(`${path}: page ${page}, CLI ${cli}`);
    return;
  }
  if (typeof cli !== 'object' || cli === null) {
    if (page !== cli) expect.fail(`${path}: page ${String(page)}, CLI ${String(cli)}`);
    return;
  }
  expect(Object.keys(page as object), path).toEqual(Object.keys(cli));
  for (const [key, value] of Object.entries(cli))
    expectSameResult((page as Record<string, unknown>)[key], value, `${path}.${key}`);
}

async function counter(watched: WatchedPage, name: string, run = 'run'): Promise<number> {
  const text = await watched.page
    .locator(`[data-run="${run}"] [data-counter="${name}"]`)
    .textContent();
  return Number((text ?? '').replace(/[^\d.]/g, ''));
}

async function finalJson(watched: WatchedPage, run = 'run'): Promise<string> {
  const pre = watched.page.locator(`[data-run="${run}"] pre.result-json`);
  await expect
    .poll(async () => (await pre.textContent())?.length ?? 0, { timeout: 60_000 })
    .toBeGreaterThan(0);
  return (await pre.textContent()) ?? '';
}

describe('the player', () => {
  it('loads with no console errors and no failed requests, and draws the service graph', async () => {
    const watched = await watchedPage(browser);
    await watched.page.goto(`${base}?scenario=${SCENARIO}`);
    await watched.page.locator('[data-run="run"] .title').filter({ hasText: SCENARIO }).waitFor();
    await expect.poll(() => watched.page.locator('g.sg-node').count()).toBeGreaterThan(5);
    await keepScreenshot(watched.page, 'player-loaded');
    expect(watched.problems).toEqual([]);
    await watched.page.close();
  });

  it('plays a scenario: its counters advance in simulated time, and its final numbers equal msasim run --json', async () => {
    const watched = await watchedPage(browser);
    await watched.page.goto(`${base}?scenario=${SCENARIO}&seed=5&speed=5`);
    await watched.page.locator('[data-run="run"] .title').filter({ hasText: 'seed 5' }).waitFor();
    await watched.page.click('#play');
    await expect.poll(() => counter(watched, 'events'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => counter(watched, 'requests'), { timeout: 30_000 }).toBeGreaterThan(0);
    const timeBefore = await counter(watched, 'time');
    await expect
      .poll(() => counter(watched, 'time'), { timeout: 30_000 })
      .toBeGreaterThan(timeBefore);
    await expect.poll(() => watched.page.locator('circle.sg-dot').count()).toBeGreaterThan(0);
    await keepScreenshot(watched.page, 'player-playing');
    await watched.page.click('#finish');
    const json = await finalJson(watched);
    const cli = cliJson(`scenarios/${SCENARIO}.yaml`, 5);
    expectSameResult(JSON.parse(json), JSON.parse(cli));
    // The same events, to the last one: the run in the page is the CLI's run.
    expect(JSON.parse(json).events).toBe(JSON.parse(cli).events);
    await keepScreenshot(watched.page, 'player-finished');
    expect(watched.problems).toEqual([]);
    await watched.page.close();
  }, 180_000);

  it('runs a preset before and after with the same seed, and tabulates the differences', async () => {
    const watched = await watchedPage(browser);
    await watched.page.goto(`${base}?preset=sidecar-overhead`);
    await watched.page.locator('[data-run="after"] .title').filter({ hasText: SCENARIO }).waitFor();
    expect(await watched.page.locator('#preset-note').textContent()).toContain('Sidecar overhead');
    await watched.page.click('#finish');
    const [before, after] = [await finalJson(watched, 'before'), await finalJson(watched, 'after')];
    await watched.page.locator('#differences').waitFor();
    // Same seed, so the same arrivals: the sidecars change the latency, not the requests.
    expect(JSON.parse(after).seed).toBe(JSON.parse(before).seed);
    expect(await watched.page.locator('[data-diff="requests"]').textContent()).toBe('+0.0%');
    expect(JSON.parse(after).latency.p50Ms).toBeGreaterThan(JSON.parse(before).latency.p50Ms);
    await keepScreenshot(watched.page, 'player-preset-sidecar-overhead');
    expect(watched.problems).toEqual([]);
    await watched.page.close();
  }, 180_000);

  it("steps one controller decision at a time: a rolling update's pods appear and leave", async () => {
    const watched = await watchedPage(browser);
    await watched.page.goto(`${base}?scenario=rolling-update`);
    await watched.page
      .locator('[data-run="run"] .title')
      .filter({ hasText: 'rolling-update' })
      .waitFor();
    const changing = watched.page.locator(
      'circle.sg-pod[data-phase="Starting"], circle.sg-pod[data-phase="Terminating"]',
    );
    for (let step = 0; step < 20 && (await changing.count()) === 0; step++) {
      const events = await counter(watched, 'events');
      await watched.page.click('#step-decision');
      await expect
        .poll(() => counter(watched, 'events'), { timeout: 30_000 })
        .toBeGreaterThan(events);
    }
    expect(await changing.count()).toBeGreaterThan(0);
    // The rollout event is at 2m: no pod changes before it.
    expect(await counter(watched, 'time')).toBeGreaterThanOrEqual(120);
    await keepScreenshot(watched.page, 'player-rolling-update');
    expect(watched.problems).toEqual([]);
    await watched.page.close();
  }, 180_000);

  it('re-runs at once when a slider moves, and puts the new value in the URL', async () => {
    const watched = await watchedPage(browser);
    await watched.page.goto(`${base}?scenario=${SCENARIO}`);
    await watched.page.locator('[data-run="run"] .title').filter({ hasText: SCENARIO }).waitFor();
    await watched.page.click('#finish');
    const before = await finalJson(watched);
    const slider = watched.page.locator('input[data-path="services.api.replicas"]');
    await slider.fill('1');
    await slider.dispatchEvent('change');
    await expect
      .poll(() => watched.page.url())
      .toContain(encodeURIComponent('{"services.api.replicas":1}'));
    // The old result is gone: the run started again.
    expect(await watched.page.locator('[data-run="run"] pre.result-json').textContent()).toBe('');
    await watched.page.click('#finish');
    const after = await finalJson(watched);
    expect(after).not.toBe(before);
    expect(
      JSON.parse(after).pods.filter((p: { service: string }) => p.service === 'api'),
    ).toHaveLength(1);
    expect(watched.problems).toEqual([]);
    await watched.page.close();
  }, 180_000);
});
