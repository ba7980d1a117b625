/**
 * The only globals the simulation layers use beyond ES2022 (tsconfig.simulation.json):
 * ones every browser and Node have. Anything else, Node's or the DOM's, fails that check.
 */
declare function structuredClone<T>(value: T): T;
