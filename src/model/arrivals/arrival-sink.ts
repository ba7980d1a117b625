import type { ClientLoop } from './closed-loop.js';

/** Where an arrival process sends each new request: the workload starts it. */
export type StartRequest = (client: ClientLoop | undefined) => void;
