import type { EdgeLabel } from '../src/charts/service-graph.js';
import type { RunSource } from './run-panel.js';

/**
 * Everything that decides what the player runs, kept in the page's URL so that a link
 * replays the same run anywhere: the scenario (a shipped one by name, or a loaded file's
 * text in the fragment), the seed, the sliders' overrides, the before/after pair.
 *
 *   ?scenario=retry-storm&seed=7&o={"mesh.strategy":"library"}&compare=1&b={}&speed=5
 */
export interface PlayerState {
  scenario: string;
  /** undefined: the scenario's own */
  seed: number | undefined;
  /** the run's overrides (the "after" run's when comparing), as a sweep variant's */
  overrides: Record<string, unknown>;
  /** the "before" run's overrides */
  before: Record<string, unknown>;
  compare: boolean;
  predict: boolean;
  /** simulated seconds per second of wall time; 0: chosen from the scenario's length */
  speed: number;
  edgeLabel: EdgeLabel;
  preset: string | undefined;
  /** a loaded file, carried in the URL's fragment */
  file?: RunSource;
}

export function readState(location: Location, fallbackScenario: string): PlayerState {
  const query = new URLSearchParams(location.search);
  const seedText = query.get('seed');
  const seed = seedText === null || seedText === '' ? undefined : Number(seedText);
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fileText = fragment.get('text');
  const label = query.get('label');
  return {
    scenario: query.get('scenario') ?? fallbackScenario,
    seed: seed !== undefined && Number.isSafeInteger(seed) && seed >= 0 ? seed : undefined,
    overrides: jsonObject(query.get('o')),
    before: jsonObject(query.get('b')),
    compare: query.get('compare') === '1',
    predict: query.get('predict') === '1',
    speed: Number(query.get('speed') ?? 0) || 0,
    edgeLabel: label === 'errors' || label === 'latency' ? label : 'rate',
    preset: query.get('preset') ?? undefined,
    ...(fileText === null
      ? {}
      : {
          file: { fileName: fragment.get('file') ?? 'scenario.yaml', text: fromBase64(fileText) },
        }),
  };
}

export function writeState(state: PlayerState, file: RunSource | undefined): void {
  const query = new URLSearchParams();
  if (file === undefined) query.set('scenario', state.scenario);
  if (state.seed !== undefined) query.set('seed', String(state.seed));
  if (Object.keys(state.overrides).length > 0) query.set('o', JSON.stringify(state.overrides));
  if (state.compare) {
    query.set('compare', '1');
    query.set('b', JSON.stringify(state.before));
  }
  if (state.predict) query.set('predict', '1');
  if (state.speed > 0) query.set('speed', String(state.speed));
  if (state.edgeLabel !== 'rate') query.set('label', state.edgeLabel);
  if (state.preset !== undefined) query.set('preset', state.preset);
  const hash =
    file === undefined
      ? ''
      : `#${new URLSearchParams({ file: file.fileName, text: toBase64(file.text) })}`;
  history.replaceState(null, '', `?${query}${hash}`);
}

function jsonObject(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): string {
  const binary = atob(text);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
