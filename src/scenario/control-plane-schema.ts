import { z } from 'zod';

/** The mesh's control plane (istiod): how a change of routing or policy reaches each proxy. */
export const controlPlaneSchema = z.strictObject({});
