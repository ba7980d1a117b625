/**
 * How a node's cores are divided among the pods that have runnable work, as the Linux CFS
 * scheduler divides them in the steady state: in proportion to each pod's weight (its
 * cgroup's cpu.shares, from its CPU request), but never more to a pod than it can use: one
 * core per runnable burst (a thread runs on one core at a time). What a pod cannot use goes
 * to the others, again by weight: weighted max-min fairness, the fluid limit of CFS.
 *
 * Worked example: 2 cores; pod A (weight 1536, 3 runnable bursts) and pod B (weight 256,
 * 1 burst). Fair shares by weight: A 2 × 1536/1792 = 1.714, B 0.286. Neither share exceeds
 * its runnable bursts, so A gets 1.714 cores (0.571 per burst) and B 0.286: 6 to 1. If A
 * had a single burst, A could use only 1 core; B would get the remaining 1.
 *
 * `demands[i]` is pod i's runnable bursts (0 for none, or throttled), `weights[i]` its
 * weight; the result is the cores each gets, written into `shares`. By progressive filling:
 * the pods whose demand fits within their weight's part of what is left get their demand
 * and leave; the others share what remains by weight. Each pass is O(k) for k pods and
 * every pass but the last settles a pod; a busy node usually needs two or three. Nothing is
 * allocated: it runs whenever a contended node's runnable set changes.
 */
export function divideCores(
  cores: number,
  demands: readonly number[],
  weights: readonly number[],
  shares: number[],
): void {
  // Most of the time a node has more cores than runnable bursts: everyone gets all it can
  // use, and there is nothing to divide.
  let total = 0;
  for (let i = 0; i < demands.length; i++) total += demands[i]!;
  if (total <= cores) {
    for (let i = 0; i < demands.length; i++) shares[i] = demands[i]!;
    return;
  }
  // Unsettled pods are marked -1 until the end.
  let remainingCores = cores;
  let remainingWeight = 0;
  for (let i = 0; i < demands.length; i++) {
    shares[i] = demands[i]! > 0 ? -1 : 0;
    if (demands[i]! > 0) remainingWeight += weights[i]!;
  }
  for (let settled = true; settled; ) {
    settled = false;
    const coresPerWeight = remainingCores / remainingWeight;
    for (let i = 0; i < demands.length; i++) {
      if (shares[i] !== -1 || demands[i]! > weights[i]! * coresPerWeight) continue;
      shares[i] = demands[i]!;
      remainingCores -= demands[i]!;
      remainingWeight -= weights[i]!;
      settled = true;
    }
  }
  for (let i = 0; i < demands.length; i++)
    if (shares[i] === -1) shares[i] = (remainingCores * weights[i]!) / remainingWeight;
}

/**
 * A container's CFS weight from its CPU request, as the kubelet sets cpu.shares:
 * millicores × 1024 / 1000, at least 2 (Kubernetes' MilliCPUToShares; a pod without a
 * request gets the minimum, 2).
 */
export function sharesFromRequest(requestCores: number): number {
  return Math.max(2, Math.floor((requestCores * 1000 * 1024) / 1000));
}
