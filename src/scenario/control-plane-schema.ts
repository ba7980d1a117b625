import { z } from 'zod';
import { distribution, duration } from './fields.js';

/**
 * The mesh's control plane (istiod): how a change of routing reaches each proxy. istiod
 * debounces configuration events (PILOT_DEBOUNCE_AFTER, default 100ms: it waits that long
 * for more changes, up to PILOT_DEBOUNCE_MAX, 10s) and then pushes the new configuration to
 * every proxy over xDS, each push taking its own time: so for a while proxies disagree.
 * docs/mesh/routing.md cites both.
 */
export const controlPlaneSchema = z.strictObject({
  debounceAfter: duration
    .prefault('100ms')
    .describe(
      "istiod's PILOT_DEBOUNCE_AFTER: the quiet period after a change before it pushes (default 100ms)",
    ),
  push: distribution
    .prefault('lognormal(median=100ms, p99=1s)')
    .describe(
      'from the push starting to one proxy applying it, drawn per proxy and change (default lognormal(median=100ms, p99=1s))',
    ),
});
