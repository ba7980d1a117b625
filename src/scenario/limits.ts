/**
 * Bounds on the numbers a scenario may hold, where the simulation itself needs them.
 *
 * Simulated time is a float64 count of milliseconds. Below a year (3.2e10 ms) its
 * resolution is better than 4 ns, a thousandth of the smallest unit a scenario can write
 * (1us), so every gap a scenario can ask for still moves the clock forward. Far above it a
 * small delay vanishes when added to the clock (at 1e300 ms nothing below 1e284 ms does),
 * and a loop that waits "1 ms more" waits forever. A year is also longer than any question
 * msasim answers: a capacity or latency study simulates minutes to days.
 */
export const MAX_DURATION_MS = 365 * 86_400_000;

/** How the limit is written in messages. */
export const MAX_DURATION_TEXT = '365d';

/**
 * Runs in one sweep, by default (`--max-runs` raises it). A sweep expands into this many
 * scenarios and records before it runs any, and keeps every run's result in memory and a
 * file per run in its folder; 10,000 runs of a one-minute scenario is already a day of one
 * core. Checked before the sweep is expanded: a grid of 8 fields × 10 values is 10^8 runs.
 */
export const DEFAULT_MAX_RUNS = 10_000;
