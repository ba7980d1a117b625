import type { PodPicker } from '../load-balancer.js';
import type { Pod } from '../pod.js';

/**
 * IPVS's round-robin scheduler, `rr`, kube-proxy's default in IPVS mode (`--ipvs-scheduler`
 * empty: "IPVS scheduler not specified, use rr by default", pkg/proxy/ipvs/proxier.go), as
 * the kernel runs it (net/netfilter/ipvs/ip_vs_rr.c): one position per virtual server,
 * that is per Service on each node, shared by every connection the node opens to it. Each
 * new connection goes to the destination after the last one chosen; when that one has been
 * removed, to the one that followed it (ip_vs_rr_del_dest steps the position back).
 *
 * The kernel starts at the head of its destination list, whose order is the order
 * kube-proxy added them in (from an unsorted set: in effect random per node). msasim keeps
 * the endpoints in the slice's order and starts each node at `firstTurn`, drawn at random:
 * the same shares, one cyclic order instead of a random one.
 */
export function ipvsRoundRobin(firstTurn: number): PodPicker {
  let last: Pod | undefined;
  let lastIndex = 0;
  return (pods) => {
    let index: number;
    if (last === undefined) index = firstTurn % pods.length;
    else {
      const at = pods[lastIndex] === last ? lastIndex : pods.indexOf(last);
      // Gone from the list: the one that followed it has taken its place.
      index = at >= 0 ? (at + 1) % pods.length : lastIndex % pods.length;
    }
    lastIndex = index;
    last = pods[index]!;
    return last;
  };
}
