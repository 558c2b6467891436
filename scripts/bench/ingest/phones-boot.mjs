// A phones thread's entry: worker threads do not inherit tsx's loader from the main thread on Node 20, so
// this registers it, then loads the TypeScript module named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
