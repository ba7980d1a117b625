/**
 * Tags a share of a workload's requests with each cohort (`workload[].cohorts`), as a client
 * sets a user-group header that every service propagates: one uniform per request, the
 * cohorts taking consecutive slices of [0, 1) in the order written; the rest untagged.
 */
export function cohortPicker(
  cohorts: Readonly<Record<string, number>>,
  next: () => number,
): () => string | undefined {
  const names = Object.keys(cohorts);
  const upTo: number[] = [];
  let running = 0;
  for (const name of names) {
    running += cohorts[name]!;
    upTo.push(running);
  }
  return () => {
    const u = next();
    for (let i = 0; i < upTo.length; i++) if (u < upTo[i]!) return names[i];
    return undefined;
  };
}
