import { RandomStreams } from '../../src/engine/random.js';
import { LiveCluster } from '../../src/model/cluster/live-cluster.js';
import { RecordingLifecycleListener } from '../../src/model/cluster/recording-listener.js';
import { DistributionCache } from '../../src/model/distribution-cache.js';
import { parseScenario } from '../../src/scenario/index.js';
import { trafficHarness } from './traffic-harness.js';

/** The traffic harness with a live cluster over it, started: pods can be crashed and policies set. */
export function liveHarness(yaml: string, fileName: string) {
  const harness = trafficHarness(yaml);
  const scenario = parseScenario(yaml, fileName);
  const cluster = new LiveCluster({
    sim: harness.sim,
    scenario,
    topology: harness.topology,
    streams: new RandomStreams(scenario.seed),
    distributions: new DistributionCache(),
    listener: new RecordingLifecycleListener(),
    cutCall: (attempt) => harness.traffic.cutCall(attempt),
    podBound: () => {},
    admitProbe: (probe) => harness.traffic.admitProbe(probe),
    dropProbe: (probe) => harness.traffic.dropProbe(probe),
  });
  cluster.start(true);
  return { harness, cluster };
}
