import { z } from 'zod';

/** What the mesh's proxies report: Istio's metrics and sampled traces. */
export const meshTelemetrySchema = z.strictObject({});
