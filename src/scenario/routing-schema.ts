import { z } from 'zod';

/** How calls to a service are routed among its versions: splits, matches, mirroring, faults. */
export const routingSchema = z.strictObject({});
