import { describe, expect, it } from 'vitest';
import { clusterReach } from '../../src/scenario/cluster-reach.js';
import { parseScenario } from '../../src/scenario/load.js';

/** A scenario whose web service has this `autoscaling:` block (and this pool line). */
function yaml(
  autoscaling: string,
  pool = '{ name: general, instanceType: m5.large, count: 2 }',
): string {
  return [
    'name: a',
    'cluster:',
    `  nodePools: [${pool}]`,
    'services:',
    '  web:',
    '    replicas: 2',
    `    autoscaling: ${autoscaling}`,
    '    endpoints: { get: { cpu: 1ms } }',
    'workload:',
    '  - { name: w, arrivals: poisson, rate: 1/s, target: web.get }',
  ].join('\n');
}

function errorOf(autoscaling: string, pool?: string): string {
  try {
    parseScenario(yaml(autoscaling, pool), 'a.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('autoscaling in a scenario', () => {
  it("takes Kubernetes's defaults: minReplicas 1, CPU at 80%, no behavior", () => {
    const web = parseScenario(yaml('{ maxReplicas: 5 }')).services.web!;
    expect(web.autoscaling).toEqual({
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ],
    });
  });

  it('refuses minReplicas above maxReplicas, with the line of the field', () => {
    expect(errorOf('{ minReplicas: 6, maxReplicas: 5 }')).toMatch(
      /^a\.yaml:7:\d+: services\.web\.autoscaling\.minReplicas: minReplicas 6 is more than maxReplicas 5/,
    );
  });

  it('refuses starting replicas outside the bounds', () => {
    expect(errorOf('{ minReplicas: 3, maxReplicas: 5 }')).toMatch(
      /a\.yaml:6:\d+: services\.web\.replicas: the replicas the service starts with \(2\) must be within autoscaling's minReplicas 3 and maxReplicas 5/,
    );
  });

  it('refuses a stabilization window over an hour, as Kubernetes does', () => {
    expect(
      errorOf('{ maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 3601 } } }'),
    ).toMatch(/services\.web\.autoscaling\.behavior\.scaleDown\.stabilizationWindowSeconds/);
  });

  it("refuses a pool whose node count is outside its autoscaler's bounds", () => {
    const pool =
      '{ name: general, instanceType: m5.large, count: 2, autoscaling: { minNodes: 3, maxNodes: 5 } }';
    expect(errorOf('{ maxReplicas: 5 }', pool)).toMatch(
      /cluster\.nodePools\[0\]\.count: the nodes the pool starts with \(2\) must be within autoscaling's minNodes 3 and maxNodes 5/,
    );
  });
});

describe('the work estimate with autoscalers', () => {
  it('counts a climb to maxReplicas and maxNodes', () => {
    const pool =
      '{ name: general, instanceType: m5.large, count: 2, autoscaling: { minNodes: 2, maxNodes: 7 } }';
    const reach = clusterReach(parseScenario(yaml('{ maxReplicas: 12 }', pool)));
    expect(reach.pods.get('web')).toEqual({ mostAtOnce: 12, made: 12 });
    expect(reach.nodes.get('general')).toEqual({ mostAtOnce: 7, made: 7 });
  });
});
