/**
 * The player's page: picks a scenario, sets the sliders and presets, and drives one run (or
 * two, before and after, with the same seed) in Web Workers. Each animation frame moves the
 * simulated-time target by speed × elapsed wall time; the workers advance their event
 * queues up to it (viz/protocol.ts). The state lives in the URL, so a link replays the run.
 */
import { SHIPPED_SCENARIOS } from 'msasim:shipped-scenarios';
import { parse } from 'yaml';
import type { EdgeLabel } from '../src/charts/service-graph.js';
import { parseScenario, type Scenario } from '../src/scenario/index.js';
import { PRESETS } from './presets.js';
import { finalRows, RunPanel, type RunSource } from './run-panel.js';
import { type PlayerState, readState, writeState } from './url-state.js';

const SPEEDS = [0.01, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 1000, 3600, 86400];
/** How far the target may run ahead of the slowest run: a slow worker is not flooded. */
const MAX_LEAD_WALL_MS = 250;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let state: PlayerState = readState(location, SHIPPED_SCENARIOS[0]?.name ?? '');
let loadedFile: RunSource | undefined = state.file;
let panels: RunPanel[] = [];
let playing = false;
let targetMs = 0;
let lastFrame = 0;
let guesses: { availability: number; p99: number } | undefined;

function source(): RunSource | undefined {
  if (loadedFile !== undefined) return loadedFile;
  const shipped = SHIPPED_SCENARIOS.find((s) => s.name === state.scenario);
  return shipped === undefined ? undefined : { fileName: shipped.fileName, text: shipped.text };
}

/** The sweep variant `name` of the file, or the overrides given. */
function variantOverrides(text: string, variant: string | Record<string, unknown>) {
  if (typeof variant !== 'string') return variant;
  const document = parse(text) as {
    sweep?: { variants?: Record<string, Record<string, unknown>> };
  };
  return document.sweep?.variants?.[variant] ?? {};
}

function baseScenario(): Scenario | undefined {
  const src = source();
  if (src === undefined) return undefined;
  try {
    return parseScenario(src.text, src.fileName);
  } catch {
    return undefined; // the worker reports the loader's message in the run's panel
  }
}

/** Rebuilds the runs from the state: one, or before and after. */
function restart(): void {
  playing = false;
  targetMs = 0;
  guesses = undefined;
  const src = source();
  const runs = $('runs');
  for (const panel of panels) panel.element.remove();
  panels = [];
  $('differences').hidden = true;
  if (src === undefined) return;
  if (state.compare) {
    panels = [new RunPanel(runs, 'before', refresh), new RunPanel(runs, 'after', refresh)];
    panels[0]!.load(src, state.seed, state.before);
    panels[1]!.load(src, state.seed, state.overrides);
  } else {
    panels = [new RunPanel(runs, 'run', refresh)];
    panels[0]!.load(src, state.seed, state.overrides);
  }
  for (const panel of panels) panel.setEdgeLabel(state.edgeLabel);
  writeState(state, loadedFile);
  refresh();
}

function refresh(): void {
  const allEnded = panels.length > 0 && panels.every((p) => p.ended);
  if (allEnded) playing = false;
  $('play').textContent = playing ? '❚❚ Pause' : '▶ Play';
  for (const id of ['play', 'step-event', 'step-decision', 'finish'])
    ($(id) as HTMLButtonElement).disabled = allEnded;
  if (allEnded) showDifferences();
  document.body.dataset.state = allEnded ? 'ended' : playing ? 'playing' : 'paused';
}

function frame(now: number): void {
  if (!playing) return;
  const elapsed = Math.min(100, now - lastFrame);
  lastFrame = now;
  const slowest = Math.min(...panels.filter((p) => !p.ended).map((p) => p.timeMs));
  targetMs = Math.min(targetMs + state.speed * elapsed, slowest + state.speed * MAX_LEAD_WALL_MS);
  for (const panel of panels) panel.advanceTo(targetMs);
  requestAnimationFrame(frame);
}

function play(): void {
  if (playing) {
    playing = false;
    refresh();
    return;
  }
  if (state.predict && guesses === undefined) {
    const dialog = $<HTMLDialogElement>('predict-dialog');
    dialog.onclose = () => {
      guesses = {
        availability: Number($<HTMLInputElement>('guess-availability').value),
        p99: Number($<HTMLInputElement>('guess-p99').value),
      };
      startPlaying();
    };
    dialog.showModal();
    return;
  }
  startPlaying();
}

function startPlaying(): void {
  playing = true;
  targetMs = Math.max(targetMs, ...panels.map((p) => p.timeMs));
  lastFrame = performance.now();
  refresh();
  requestAnimationFrame(frame);
}

function showDifferences(): void {
  const finished = panels.map((p) => p.numbers);
  const section = $('differences');
  const table = $('diff-table');
  if (finished.some((n) => n === undefined)) {
    section.hidden = true;
    return;
  }
  const [a, b] = finished.map((n) => finalRows(n!));
  const guessRow =
    guesses === undefined
      ? ''
      : `<tr><th>your prediction</th><td colspan="${panels.length + 1}">availability ${guesses.availability}%, p99 ${guesses.p99} ms</td></tr>`;
  if (b === undefined) {
    section.hidden = guessRow === '';
    table.innerHTML = guessRow;
    return;
  }
  const rawA = Object.values(finished[0]!);
  const rawB = Object.values(finished[1]!);
  const rows = a!
    .map(([name, before], i) => {
      const x = rawA[i];
      const y = rawB[i];
      const delta =
        typeof x === 'number' && typeof y === 'number' && x !== 0
          ? `${y - x >= 0 ? '+' : ''}${(((y - x) / Math.abs(x)) * 100).toFixed(1)}%`
          : '—';
      return `<tr><th>${name}</th><td>${before}</td><td>${b[i]![1]}</td><td data-diff="${name}">${delta}</td></tr>`;
    })
    .join('');
  section.hidden = false;
  table.innerHTML = `<tr><th>metric</th><th>before</th><th>after</th><th>change</th></tr>${rows}${guessRow}`;
}

/** The sliders this scenario has: load, replicas, maxSurge, mesh strategy, keep-alive. */
function buildSliders(): void {
  const box = $('sliders');
  box.replaceChildren();
  const scenario = baseScenario();
  if (scenario === undefined) return;
  const workload = scenario.workload[0];
  const rolled = (scenario.events ?? []).find((e) => e.rollout !== undefined)?.rollout?.service;
  const service = rolled ?? Object.keys(scenario.services)[0];
  const fn = Object.keys(scenario.functions ?? {})[0];
  if (workload !== undefined && 'rate' in workload && typeof workload.rate === 'number') {
    const path = `workload.${workload.name}.rate`;
    const base = workload.rate;
    slider(box, 'load (requests/s)', path, {
      min: base / 4,
      max: base * 4,
      step: base / 4,
      initial: base,
      write: (v) => `${+v.toFixed(6)}/s`,
      read: (v) => Number.parseFloat(String(v)),
    });
  }
  if (service !== undefined) {
    const replicas = scenario.services[service]!.replicas;
    slider(box, `replicas of ${service}`, `services.${service}.replicas`, {
      min: 0,
      max: 30,
      step: 1,
      initial: typeof replicas === 'number' ? replicas : 1,
      write: (v) => v,
      read: Number,
    });
    if (rolled !== undefined)
      slider(box, `maxSurge of ${service}`, `services.${service}.strategy.rollingUpdate.maxSurge`, {
        min: 0,
        max: 10,
        step: 1,
        initial: Number.NaN,
        write: (v) => v,
        read: Number,
      });
  }
  const strategies = ['none', 'library', 'sidecar', 'sidecar-light', 'ambient'];
  const mesh = document.createElement('label');
  mesh.innerHTML = `mesh strategy <select data-path="mesh.strategy">${strategies.map((s) => `<option>${s}</option>`).join('')}</select>`;
  const select = mesh.querySelector('select')!;
  select.value = String(state.overrides['mesh.strategy'] ?? scenario.mesh.strategy);
  select.onchange = () => override('mesh.strategy', select.value);
  box.append(mesh);
  if (fn !== undefined) {
    slider(box, `keep-alive of ${fn} (min)`, `functions.${fn}.keepAlive`, {
      min: 1,
      max: 60,
      step: 1,
      initial: 10,
      write: (v) => `${v}m`,
      read: (v) => Number.parseFloat(String(v)),
    });
  }
}

interface SliderSpec {
  min: number;
  max: number;
  step: number;
  /** the scenario's own value; NaN: its default, not a number here (25%) */
  initial: number;
  write: (value: number) => unknown;
  read: (written: unknown) => number;
}

function slider(box: HTMLElement, label: string, path: string, spec: SliderSpec): void {
  const given = state.overrides[path];
  const value = given === undefined ? spec.initial : spec.read(given);
  const element = document.createElement('label');
  element.innerHTML = `${label} <input type="range" data-path="${path}"> <output></output>`;
  const input = element.querySelector('input')!;
  const output = element.querySelector('output')!;
  input.min = String(spec.min);
  input.max = String(spec.max);
  input.step = String(spec.step);
  input.value = String(Number.isNaN(value) ? spec.min : value);
  output.textContent = Number.isNaN(value) ? 'default' : String(spec.write(value));
  input.oninput = () => {
    output.textContent = String(spec.write(Number(input.value)));
  };
  input.onchange = () => override(path, spec.write(Number(input.value)));
  box.append(element);
}

/** A slider moved: the run(s) start again at once with the new value. */
function override(path: string, value: unknown): void {
  state = { ...state, overrides: { ...state.overrides, [path]: value }, preset: undefined };
  $('preset-note').hidden = true;
  restart();
}

function applyPreset(key: string): void {
  const preset = PRESETS[key];
  if (preset === undefined) return;
  const shipped = SHIPPED_SCENARIOS.find((s) => s.name === preset.scenario)!;
  loadedFile = undefined;
  state = {
    ...state,
    scenario: preset.scenario,
    seed: undefined,
    compare: true,
    preset: key,
    before: variantOverrides(shipped.text, preset.before),
    overrides: variantOverrides(shipped.text, preset.after),
    speed: defaultSpeed(shipped),
  };
  syncControls();
}

function defaultSpeed(src: RunSource): number {
  try {
    const s = parseScenario(src.text, src.fileName);
    const wanted = (s.duration + s.drain) / 40_000; // about 40 s of watching
    return SPEEDS.find((speed) => speed >= wanted) ?? SPEEDS[SPEEDS.length - 1]!;
  } catch {
    return 1;
  }
}

/** Puts the state into the controls, then restarts the runs. */
function syncControls(): void {
  $<HTMLSelectElement>('scenario').value = loadedFile === undefined ? state.scenario : '';
  $<HTMLInputElement>('seed').value = state.seed === undefined ? '' : String(state.seed);
  $<HTMLInputElement>('seed').placeholder = String(baseScenario()?.seed ?? '');
  $<HTMLSelectElement>('preset').value = state.preset ?? '';
  $<HTMLSelectElement>('speed').value = String(state.speed);
  $<HTMLSelectElement>('edge-label').value = state.edgeLabel;
  $<HTMLInputElement>('compare').checked = state.compare;
  $<HTMLInputElement>('predict').checked = state.predict;
  const note = $('preset-note');
  const preset = state.preset === undefined ? undefined : PRESETS[state.preset];
  note.hidden = preset === undefined;
  note.textContent = preset === undefined ? '' : `${preset.title}: ${preset.note}`;
  buildSliders();
  restart();
}

function setUp(): void {
  const scenarioSelect = $<HTMLSelectElement>('scenario');
  scenarioSelect.innerHTML = `<option value="">(a file)</option>${SHIPPED_SCENARIOS.map((s) => `<option value="${s.name}">${s.name}</option>`).join('')}`;
  $<HTMLSelectElement>('preset').innerHTML = `<option value="">(none)</option>${Object.entries(
    PRESETS,
  )
    .map(([key, p]) => `<option value="${key}">${p.title}</option>`)
    .join('')}`;
  $<HTMLSelectElement>('speed').innerHTML = SPEEDS.map(
    (s) => `<option value="${s}">${s}× </option>`,
  ).join('');
  scenarioSelect.onchange = () => {
    const shipped = SHIPPED_SCENARIOS.find((s) => s.name === scenarioSelect.value);
    if (shipped === undefined) return;
    loadedFile = undefined;
    state = {
      ...state,
      scenario: shipped.name,
      overrides: {},
      before: {},
      preset: undefined,
      seed: undefined,
      speed: defaultSpeed(shipped),
    };
    syncControls();
  };
  $<HTMLInputElement>('file').onchange = async (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file === undefined) return;
    loadedFile = { fileName: file.name, text: await file.text() };
    state = {
      ...state,
      overrides: {},
      before: {},
      preset: undefined,
      seed: undefined,
      speed: defaultSpeed(loadedFile),
    };
    syncControls();
  };
  $<HTMLInputElement>('seed').onchange = (event) => {
    const text = (event.target as HTMLInputElement).value.trim();
    state = { ...state, seed: text === '' ? undefined : Math.max(0, Math.floor(Number(text))) };
    restart();
  };
  $<HTMLSelectElement>('preset').onchange = (event) =>
    applyPreset((event.target as HTMLSelectElement).value);
  $<HTMLSelectElement>('speed').onchange = (event) => {
    state = { ...state, speed: Number((event.target as HTMLSelectElement).value) };
    writeState(state, loadedFile);
  };
  $<HTMLSelectElement>('edge-label').onchange = (event) => {
    state = { ...state, edgeLabel: (event.target as HTMLSelectElement).value as EdgeLabel };
    for (const panel of panels) panel.setEdgeLabel(state.edgeLabel);
    writeState(state, loadedFile);
  };
  $<HTMLInputElement>('compare').onchange = (event) => {
    state = { ...state, compare: (event.target as HTMLInputElement).checked };
    restart();
  };
  $<HTMLInputElement>('predict').onchange = (event) => {
    state = { ...state, predict: (event.target as HTMLInputElement).checked };
    writeState(state, loadedFile);
  };
  $('play').onclick = play;
  $('step-event').onclick = () => {
    playing = false;
    for (const panel of panels) panel.step('event');
    refresh();
  };
  $('step-decision').onclick = () => {
    playing = false;
    for (const panel of panels) panel.step('decision');
    refresh();
  };
  $('finish').onclick = () => {
    playing = false;
    for (const panel of panels) panel.finish();
    refresh();
  };
  $('restart').onclick = restart;
  if (state.speed === 0)
    state = { ...state, speed: source() === undefined ? 1 : defaultSpeed(source()!) };
  // A link that names a preset alone (?preset=retry-storm) gets the preset's runs.
  const presetOnly =
    state.preset !== undefined &&
    Object.keys(state.overrides).length === 0 &&
    Object.keys(state.before).length === 0;
  if (presetOnly) applyPreset(state.preset!);
  else syncControls();
}

setUp();
