/**
 * Stands in for csv-stringify/sync in the player's bundle (scripts/build-viz.ts): the
 * scenario schema imports the report's threshold code, which imports the CSV writer, which
 * needs Node's Buffer when it loads. The player writes no CSV; a call would be a bug.
 */
export function stringify(): string {
  throw new Error('CSV is not written in the browser');
}
