/** The real recorded tracks shared beside the repository (../shared/gpx), used as test fixtures. */
import { readFileSync } from "node:fs";
import path from "node:path";

export const GPX_FIXTURES_DIR = process.env.GPX_FIXTURES_DIR ?? path.resolve(process.cwd(), "..", "shared", "gpx");

export function readFixture(name: string): string {
  return readFileSync(path.join(GPX_FIXTURES_DIR, name), "utf8");
}
