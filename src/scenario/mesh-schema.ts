import { z } from 'zod';
import { controlPlaneSchema } from './control-plane-schema.js';
import { meshTelemetrySchema } from './mesh-telemetry-schema.js';

/**
 * The service mesh (docs/mesh.md): which proxies carry the calls, and the mesh-wide
 * settings. Policies for calls to a service live with that service (`trafficPolicy`,
 * `routing`), as Istio keys DestinationRules and VirtualServices by destination host.
 */
export const MESH_STRATEGIES = ['none', 'library', 'sidecar', 'sidecar-light', 'ambient'] as const;
export type MeshStrategy = (typeof MESH_STRATEGIES)[number];

const strategy = z
  .enum(MESH_STRATEGIES)
  .describe(
    'none: kube-proxy, no proxy, no policies; library: the policies run in the caller, no proxy; sidecar: an Envoy in every pod (Istio); sidecar-light: a lighter proxy (Linkerd); ambient: a per-node L4 proxy (ztunnel) and waypoints for L7',
  );

export const meshSchema = z.strictObject({
  strategy: strategy.default('none'),
  controlPlane: controlPlaneSchema.prefault({}),
  telemetry: meshTelemetrySchema.prefault({}),
});

/** A service's own place in the mesh: its strategy when it differs from the scenario's. */
export const serviceMeshSchema = z.strictObject({
  strategy: strategy.optional(),
});
