import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { folderWith, msasim, SCENARIOS, TINY_SCENARIO } from './run-cli.js';

const SHIPPED = readdirSync(SCENARIOS).filter((name) => name.endsWith('.yaml'));

describe('msasim validate', () => {
  it('says ok with the counts of services and workloads', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const { status, stdout, stderr } = msasim(['validate', 'tiny.yaml'], dir);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      'tiny.yaml: ok (2 services, 1 workload)\n' +
        'estimate per run: about 250 requests, 1,800 events and 1.9 MB of memory (limits: 1e9 events, 2 GB; see docs/limits.md)\n',
    );
  });

  it('--print prints the resolved scenario, which validates again to the same print', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const { status, stdout } = msasim(['validate', 'tiny.yaml', '--print'], dir);
    expect(status).toBe(0);
    expect(stdout.startsWith('# The resolved scenario')).toBe(true);
    const printed = parse(stdout) as Record<string, unknown>;
    // Defaults the file left out are filled in, in human units.
    expect(printed).toMatchObject({ name: 'tiny', seed: 5, duration: '5s', drain: '30s' });
    expect(stdout).toContain('concurrency: 64');
    const again = folderWith({ 'printed.yaml': stdout });
    expect(msasim(['validate', 'printed.yaml', '--print'], again).stdout).toBe(stdout);
  });

  it.each(['argo-canary.yaml', 'argo-blue-green.yaml'])(
    '--print of %s (an Argo Rollout, thresholds) validates when saved and read again',
    (name) => {
      const file = fileURLToPath(new URL(`../fixtures/good/${name}`, import.meta.url));
      const { status, stdout } = msasim(['validate', file, '--print']);
      expect(status).toBe(0);
      const again = msasim(['validate', 'printed.yaml'], folderWith({ 'printed.yaml': stdout }));
      expect(again.stderr).toBe('');
      expect(again.status).toBe(0);
    },
  );
});

describe('msasim list', () => {
  it('names every shipped scenario with the first line of its description', () => {
    const { status, stdout } = msasim(['list']);
    expect(status).toBe(0);
    expect(SHIPPED.length).toBeGreaterThanOrEqual(3);
    for (const file of SHIPPED) {
      const { description } = parse(readFileSync(join(SCENARIOS, file), 'utf8')) as {
        description: string;
      };
      expect(stdout).toMatch(new RegExp(`^ {2}${file.replace('.', '\\.')} +`, 'm'));
      expect(stdout).toContain(description.split('\n')[0]);
    }
  });
});

describe('msasim explain', () => {
  it('mentions every service and workload of every shipped scenario', () => {
    for (const file of SHIPPED) {
      const { status, stdout } = msasim(['explain', join(SCENARIOS, file)]);
      expect(status).toBe(0);
      const scenario = parse(readFileSync(join(SCENARIOS, file), 'utf8')) as {
        services: Record<string, unknown>;
        workload: { name: string }[];
      };
      for (const service of Object.keys(scenario.services)) {
        expect(stdout).toMatch(new RegExp(`^ {2}${service}: `, 'm'));
      }
      for (const workload of scenario.workload) expect(stdout).toContain(`  ${workload.name}: `);
    }
  });

  it('shows the call graph as a tree with parallel branches and probabilities', () => {
    const { stdout } = msasim(['explain', join(SCENARIOS, 'checkout-chain.yaml')]);
    expect(stdout).toContain(
      [
        '  frontend.GET /product  [cpu exponential(mean=2ms)]',
        '  └─ 1. parallel',
        '     ├─ catalog.get  [cpu lognormal(median=3ms, p99=20ms)]',
      ].join('\n'),
    );
    expect(stdout).toContain('payment.charge  [cpu lognormal(median=8ms, p99=60ms), fails 0.5%]');
  });

  it("shows what the mesh does to calls: the proxies' balancer, Istio's implicit retries, the split", () => {
    const { stdout } = msasim(['explain', join(SCENARIOS, 'canary-split.yaml')]);
    expect(stdout).toContain(
      [
        'Mesh (docs/mesh.md)',
        '  strategy sidecar: an Envoy (istio-proxy) container in every pod, mTLS between them',
      ].join('\n'),
    );
    expect(stdout).toContain(
      "  calls to api: the callers' proxies balance by least-request; up to 2 retries on connect-failure, refused-stream, unavailable, cancelled, 503 (Istio's default: no trafficPolicy.retries); versions v1 19 pod(s), v2 1 pod(s); split v1 95%, v2 5%",
    );
    expect(stdout).toContain("load balancer least-request (in the callers' proxies)");
    const plain = msasim(['explain', join(SCENARIOS, 'checkout-chain.yaml')]).stdout;
    expect(plain).not.toContain('Mesh (docs/mesh.md)');
  });

  it("shows a right-sized service's replicas and why, and each Fargate pod's task", () => {
    const dir = folderWith({
      'sized.yaml': `name: sized
duration: 1m
services:
  api:
    compute: fargate
    replicas: { targetCPUUtilization: 60%, min: 2, max: 100 }
    resources: { requests: { cpu: 500m, memory: 512Mi } }
    endpoints:
      get: { cpu: 12ms }
workload:
  - { name: users, arrivals: poisson, rate: 200/s, target: api.get }
`,
    });
    const { status, stdout } = msasim(['explain', 'sized.yaml'], dir);
    expect(status).toBe(0);
    expect(stdout).toContain('  api: 8 replica(s), each requests 500m CPU and 512Mi');
    expect(stdout).toContain(
      "    sized: 8 replica(s) for 2.4 cores of CPU at the workloads' mean rates, as the HPA would settle at 60% of the CPU request: 2.4 / (60% × 500m) → 8 (min 2, max 100); a steady-state size: no reaction to bursts",
    );
    expect(stdout).toContain("runs alone on its Fargate task's vCPUs (no neighbours)");
    expect(stdout).toContain(
      '    api-1 on Fargate, a task of 0.5 vCPU and 1 GB (its requests + 256Mi rounded up; zone a)',
    );
  });

  it('shows the functions: memory and its CPU, the init a cold start pays, and their calls', () => {
    const { stdout } = msasim(['explain', join(SCENARIOS, 'cold-start-bursts.yaml')]);
    expect(stdout).toContain('  checkout: java, 1024 MB (0.58 vCPU), x86_64; timeout 10s');
    expect(stdout).toContain('a cold start pays init lognormal(median=450ms, p99=900ms)');
    expect(stdout).toContain(
      ['  checkout.invoke  [function, 1024 MB]', '  └─ 1. orders.put'].join('\n'),
    );
    expect(stdout).not.toContain('not reached by any workload');
  });

  it('describes the sweep: its runs, variants, grid and shared seeds', () => {
    const { stdout } = msasim(['explain', join(SCENARIOS, 'checkout-chain.yaml')]);
    expect(stdout).toContain(
      [
        'Sweep (msasim sweep): 60 runs = 4 variant(s) × 3 grid point(s) × 5 replication(s)',
        '  variant kube-proxy: the scenario as written',
      ].join('\n'),
    );
    expect(stdout).toContain('  grid workload.shoppers.rate: 300/s, 450/s, 600/s');
  });

  it("describes a variant's strategy and events in words, as the scenario's own", () => {
    const { stdout } = msasim(['explain', join(SCENARIOS, 'canary-rollback.yaml')]);
    expect(stdout).toContain(
      [
        '  variant blue-green: services.api.strategy as below, events as below',
        '    api: Argo Rollouts blueGreen, green starts with every replica; autoPromotionEnabled: all traffic switches to green once it is ready',
        '      postPromotionAnalysis: error-rate: errorRate <= 1% every 10s, failureLimit 1; latency: p99 <= 100ms every 10s, failureLimit 1',
        '      scaleDownDelaySeconds 30, abortScaleDownDelaySeconds 30',
        '    1m: rollout api to v2 (errorRate 20% on get)',
        '  variant canary-good:',
      ].join('\n'),
    );
  });

  it('gives a load profile in rates: a ramp from 60/s to 300/s over the first minute', () => {
    const dir = folderWith({
      'ramp.yaml': `name: ramp
duration: 2m
services:
  api:
    endpoints:
      get: { cpu: 5ms }
workload:
  - { name: users, arrivals: poisson, rate: 300/s, profile: { type: ramp, from: 0.2, to: 1, over: 60s }, target: api.get }
`,
    });
    const { stdout } = msasim(['explain', join(dir, 'ramp.yaml')]);
    expect(stdout).toContain(
      'users: Poisson (open loop) arrivals at 300/s, ramping from 60/s to 300/s between 0 and 1m',
    );
  });

  it('says where each pod landed, and why a pod that fits nowhere is Pending', () => {
    const scenario = `name: crowded
cluster:
  zones: [a, b]
  nodePools: [{ name: small, instanceType: t3.medium, count: 2 }]
services:
  api:
    replicas: 3
    resources: { requests: { cpu: 1500m } }
    endpoints:
      get: { cpu: 1ms, calls: [{ call: api.health, probability: 10% }] }
      health: { cpu: 1ms }
workload:
  - { name: users, arrivals: poisson, rate: 10/s, target: api.get }
`;
    const dir = folderWith({ 'crowded.yaml': scenario });
    const { status, stdout } = msasim(['explain', 'crowded.yaml'], dir);
    expect(status).toBe(0);
    // The first pod takes either empty node (a tie, drawn at random), the second the other.
    expect(stdout).toMatch(
      / {4}api-0 on small-(0|1) \(zone (a|b)\)\n {4}api-1 on small-(0|1) \(zone (a|b)\)\n/,
    );
    expect(stdout).toContain('allocatable 1930m CPU, 3554Mi, 17 pods');
    expect(stdout).toContain(
      '    api-2 Pending: it requests 1500m CPU and 128Mi; the nodes are full (most free: 0.43 CPU,',
    );
    expect(stdout).toContain('└─ 1. with probability 10%: api.health');
  });
});

describe('msasim explain, for a scenario msasim run would refuse', () => {
  const rate = `name: t
duration: 30m
services:
  a: { endpoints: { e: {} } }
workload:
  - { name: w, arrivals: poisson, rate: 99999999999999999999, target: a.e }
`;

  it('explains it, and ends with why run would refuse it (exit 0: explain runs nothing)', () => {
    const { status, stdout, stderr } = msasim(
      ['explain', 's.yaml'],
      folderWith({ 's.yaml': rate }),
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('Call graphs');
    expect(stdout).toMatch(/^ {4}a-0 on general-\d \(zone a\)$/m);
    const refusal = [
      'Work: msasim run and msasim validate would refuse this scenario, before building anything:',
      '  s.yaml:6:41: workload[0].rate: about 7.2e23 events per run, more than the limit of 1e9: most of it is 1.8e23 requests from workload "w", 4 events each (1 call per request); lower the rate or the duration, or raise the limit with --max-events 7.2e23',
      '',
    ].join('\n');
    expect(stdout.slice(-refusal.length)).toBe(refusal);
  });

  it('takes the limit options run takes: --max-events 1000 refuses a run of 1,800 events', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    const { status, stdout } = msasim(['explain', 'tiny.yaml', '--max-events', '1000'], dir);
    expect(status).toBe(0);
    expect(stdout).toContain(
      '  tiny.yaml:17:11: workload[0].rate: about 1,800 events per run, more than the limit of 1,000:',
    );
  });

  it('100,000,000 replicas: explained without building the pods, which would take 150 GB', () => {
    const replicas = rate
      .replace('rate: 99999999999999999999', 'rate: 1')
      .replace('a: { endpoints', 'a: { replicas: 100000000, endpoints');
    const { status, stdout } = msasim(['explain', 's.yaml'], folderWith({ 's.yaml': replicas }));
    expect(status).toBe(0);
    expect(stdout).toContain(
      '\n\nCluster and services: 1e8 pods on 3 nodes. Where each pod lands is not shown: building them takes about 150 GB, more than the memory limit of 2 GB (see Work below)\n\n',
    );
    expect(stdout).toContain('  s.yaml:4:18: services.a.replicas: about 150 GB of memory per run');
  });

  it('40 levels each calling the next twice: the tree is cut at 1,000 calls of its 2^41 - 1', () => {
    const lines = ['name: t', 'duration: 1s', 'services:'];
    for (let i = 0; i < 40; i++)
      lines.push(
        `  s${i}: { endpoints: { e: { calls: [{ parallel: [s${i + 1}.e, s${i + 1}.e] }] } } }`,
      );
    lines.push('  s40: { endpoints: { e: {} } }');
    lines.push('workload:', '  - { name: w, arrivals: poisson, rate: 1, target: s0.e }');
    const dir = folderWith({ 's.yaml': `${lines.join('\n')}\n` });
    const { status, stdout } = msasim(['explain', 's.yaml'], dir);
    expect(status).toBe(0);
    expect(stdout.match(/\bs\d+\.e {2}\[cpu/g)).toHaveLength(1000);
    expect(stdout).toContain(
      '\n  … cut at 1,000 calls: a request to s0.e makes up to 2.2e12 calls\n',
    );
  });

  it('a scenario within the limits gets its estimate, as validate prints it', () => {
    const { stdout } = msasim(['explain', join(SCENARIOS, 'checkout-chain.yaml')]);
    expect(stdout).toContain(
      '\n\nWork\n  estimate per run: about 36,000 requests, 430,000 events and 5.7 MB of memory (limits: 1e9 events, 2 GB; see docs/limits.md)\n',
    );
  });
});

describe('--help', () => {
  it('shows at least one example for every command', () => {
    for (const command of ['run', 'validate', 'explain', 'list', 'demo']) {
      const { status, stdout, stderr } = msasim([command, '--help']);
      expect({ command, status, stderr }).toEqual({ command, status: 0, stderr: '' });
      expect(stdout).toContain('Examples:');
      expect(stdout).toContain(`msasim ${command}`);
    }
    expect(msasim(['--help']).stdout).toMatch(
      /^Exit codes:\n {2}0 {4}success\n {2}1 {4}a run failed$/m,
    );
  });
});
