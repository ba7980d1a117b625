import type { RandomStream } from '../engine/random.js';
import type { Pod } from './pod.js';

export type LoadBalancerPolicy = 'kube-proxy' | 'round-robin' | 'random' | 'least-request';

/** Chooses one of a service's ready pods for each call. */
export type PodPicker = (pods: readonly Pod[]) => Pod;

/**
 * - kube-proxy: iptables mode, the default without a mesh, picks a backend uniformly at
 *   random per connection (we treat every call as a new connection).
 * - random: uniform.
 * - round-robin: in turn.
 * - least-request: Envoy's default for LEAST_REQUEST, power of two choices: draw two
 *   distinct pods at random, take the one with fewer active requests (the first on a tie).
 */
export function createPodPicker(policy: LoadBalancerPolicy, stream: RandomStream): PodPicker {
  const next = stream.next;
  switch (policy) {
    case 'kube-proxy':
    case 'random':
      return (pods) => pods[Math.floor(next() * pods.length)]!;
    case 'round-robin': {
      let turn = 0;
      return (pods) => pods[turn++ % pods.length]!;
    }
    case 'least-request':
      return (pods) => {
        if (pods.length === 1) return pods[0]!;
        const first = Math.floor(next() * pods.length);
        const second = (first + 1 + Math.floor(next() * (pods.length - 1))) % pods.length;
        const a = pods[first]!;
        const b = pods[second]!;
        return b.active < a.active ? b : a;
      };
  }
}
