import { LineCounter, parseDocument } from 'yaml';
import { parseScenario, type Scenario } from '../src/scenario/index.js';
import { TO_JS_OPTIONS, YAML_OPTIONS } from '../src/scenario/load.js';
import { documentLocator } from '../src/scenario/locate.js';
import { expandSweep } from '../src/scenario/sweep-expand.js';

/** The variant the player's sliders make, named in the loader's messages about them. */
export const PLAYER_VARIANT = 'sliders';

/**
 * The scenario the player runs: the file as `msasim run` loads it (the same checks, the same
 * located messages), then the sliders' overrides applied as a sweep applies a variant's
 * (src/scenario/sweep-expand.ts), so a value the sweep would refuse is refused here too.
 */
export function playerScenario(
  text: string,
  fileName: string,
  overrides: Record<string, unknown>,
): Scenario {
  const scenario = parseScenario(text, fileName);
  if (Object.keys(overrides).length === 0) return scenario;
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const document = parsed.toJS(TO_JS_OPTIONS) as Record<string, unknown>;
  document.sweep = { variants: { [PLAYER_VARIANT]: overrides } };
  const inFile = documentLocator(parsed, lineCounter);
  const [spec] = expandSweep(document, {
    fileName,
    // The overrides are not in the file: a message about one names no line of it (line 0).
    locate: (path) => (path[0] === 'sweep' ? { line: 0, column: 0 } : inFile(path)),
    replications: 1,
  });
  return spec!.scenario;
}
