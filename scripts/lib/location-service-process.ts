/** Starts `npm run worker` (one Location Service) in the background for the test and benchmark commands. */
import type { ChildProcess } from "node:child_process";
import { startBackground, type Environment } from "./processes";

export function startLocationServiceProcess(env: Environment, logFile: string): ChildProcess {
  return startBackground("node_modules/.bin/tsx", ["scripts/worker.ts"], { env, logFile });
}
