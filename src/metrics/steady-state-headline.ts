import { byName, type OptionalHeadlines } from './optional-headlines.js';

/**
 * Issue 14: the steady-state hypothesis's verdict (docs/faults.md) as headline metrics, only
 * in runs that check a `steadyState:` (optional-headlines.ts). Held is 1 or 0, so a sweep's
 * summary gives the share of replications that held; windows broken counts the windows that
 * broke it.
 */
export const STEADY_STATE_HEADLINES: OptionalHeadlines = {
  names: ['steady_state_held', 'steady_state_windows_broken'],
  has: (result) => result.faults?.steadyState !== undefined,
  metrics: (result) => {
    const verdict = result.faults!.steadyState!;
    // No window had a request: nothing was judged, so held is absent (no sample), not 1.
    const held = verdict.windows === 0 ? null : verdict.held ? 1 : 0;
    return byName(STEADY_STATE_HEADLINES.names, [held, verdict.broken.length]);
  },
  directions: { steady_state_held: 'higher', steady_state_windows_broken: 'lower' },
  compared: ['steady_state_held', 'steady_state_windows_broken'],
};
