/** The runner's audio choices for a run, kept with it so a resumed run sounds the same. Never uploaded. */
import { getDb, RUNS_STORE } from "../device-db";
import { RunNotFoundError } from "./errors";
import type { LocalRun, RunSettings } from "./local-run";
import { publishRunChange } from "./run-channel";

const MIN_VOLUME = 0;
const MAX_VOLUME = 1;

function volume(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a number from 0 to 1, not ${value}`);
  return Math.min(MAX_VOLUME, Math.max(MIN_VOLUME, value));
}

/** Changes some settings (volumes are clamped to 0..1); returns the updated run. */
export async function updateRunSettings(
  activityId: string,
  settings: Partial<RunSettings>,
  now: number = Date.now(),
): Promise<LocalRun> {
  const musicVolume = volume("musicVolume", settings.musicVolume);
  const voiceVolume = volume("voiceVolume", settings.voiceVolume);
  const db = await getDb();
  const tx = db.transaction(RUNS_STORE, "readwrite");
  const run = await tx.store.get(activityId);
  if (!run) throw new RunNotFoundError(activityId);
  const updated: LocalRun = {
    ...run,
    ...(settings.musicOn !== undefined ? { musicOn: settings.musicOn } : {}),
    ...(musicVolume !== undefined ? { musicVolume } : {}),
    ...(voiceVolume !== undefined ? { voiceVolume } : {}),
    updatedAt: now,
  };
  await Promise.all([tx.store.put(updated), tx.done]);
  publishRunChange({ activityId, run: updated });
  return updated;
}
