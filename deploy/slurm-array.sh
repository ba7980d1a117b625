#!/usr/bin/env bash
# A msasim sweep as a Slurm array job: one array task per shard, then one merge job.
#
#   deploy/slurm-array.sh submit SCENARIO OUT [SHARDS]
#       Submits an array of SHARDS tasks (default 4), each running
#         msasim sweep SCENARIO --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT \
#                               --out OUT/shard-$SLURM_ARRAY_TASK_ID --resume
#       and a merge job that starts when every task succeeded (--dependency=afterok):
#         msasim merge OUT/shard-* --out OUT/merged
#       OUT must be on storage every node sees (NFS, Lustre, ...). Logs go to OUT/logs/.
#   deploy/slurm-array.sh merge OUT
#       The merge alone (what the merge job runs), e.g. after re-running a failed task.
#
# Inside the array job (Slurm sets SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT) the script
# runs its task's shard. Array indices must be 0..N-1, as `submit` asks for: shard K of N is
# the runs whose id % N = K, so any other numbering would leave runs out.
#
# Environment:
#   MSASIM        the command to run msasim (default: msasim; e.g. "node /opt/msasim/dist/cli/main.js")
#   SWEEP_FLAGS   extra flags for every shard, e.g. "--replications 20 --seed 7 --run-timeout 30m"
#   SBATCH_FLAGS  extra sbatch flags for both jobs, e.g. "--partition=batch --time=02:00:00"
#   SBATCH_WAIT   set to 1 to wait for each job to finish (sbatch reads it as --wait)
#   SHARDS        the shard count, set by `submit` (default: SLURM_ARRAY_TASK_COUNT). To re-run
#                 task K alone: sbatch --array=K --export=ALL,SCENARIO=...,OUT=...,SHARDS=N deploy/slurm-array.sh
#
# --resume makes a requeued or re-run task continue where it stopped: runs already complete in
# its folder are kept. Each task uses the CPUs Slurm gave it (--cpus-per-task, default 2 here).
set -euo pipefail

MSASIM=${MSASIM:-msasim}
CPUS_PER_TASK=${CPUS_PER_TASK:-2}

usage() {
  sed -n '2,13p' "$0" >&2
  exit 2
}

run_shard() {
  : "${SCENARIO:?SCENARIO must name the scenario file}"
  : "${OUT:?OUT must name the output folder on shared storage}"
  # SHARDS (set by `submit`) outlives a re-run of one task, where the array count would be 1.
  local index=$SLURM_ARRAY_TASK_ID count=${SHARDS:-$SLURM_ARRAY_TASK_COUNT}
  # shellcheck disable=SC2086 # MSASIM and SWEEP_FLAGS are word lists on purpose
  exec $MSASIM sweep "$SCENARIO" --shard "$index/$count" --out "$OUT/shard-$index" \
    --workers "${SLURM_CPUS_PER_TASK:-1}" --resume ${SWEEP_FLAGS:-}
}

merge() {
  local out=$1
  # shellcheck disable=SC2086
  exec $MSASIM merge "$out"/shard-* --out "$out/merged"
}

submit() {
  local scenario out shards array_job merge_job self
  self=$(realpath "$0")
  scenario=$(realpath "$1")
  out=$(realpath -m "$2")
  shards=${3:-4}
  mkdir -p "$out/logs"
  # shellcheck disable=SC2086
  array_job=$(sbatch --parsable --job-name=msasim-sweep --array="0-$((shards - 1))" \
    --cpus-per-task="$CPUS_PER_TASK" --output="$out/logs/shard-%a.out" \
    --export=ALL,SCENARIO="$scenario",OUT="$out",SHARDS="$shards" ${SBATCH_FLAGS:-} "$self")
  array_job=${array_job%%;*}
  echo "submitted array job $array_job: $shards shards of $scenario into $out/shard-*"
  # shellcheck disable=SC2086
  merge_job=$(sbatch --parsable --job-name=msasim-merge --dependency="afterok:$array_job" \
    --output="$out/logs/merge.out" ${SBATCH_FLAGS:-} --wrap "$(printf '%q ' "$self" merge "$out")")
  echo "submitted merge job ${merge_job%%;*}: $out/merged when every shard succeeded"
}

if [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
  run_shard
fi
case "${1:-}" in
  submit) [ $# -ge 3 ] || usage; submit "$2" "$3" "${4:-4}" ;;
  merge) [ $# -eq 2 ] || usage; merge "$2" ;;
  *) usage ;;
esac
