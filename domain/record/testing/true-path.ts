/**
 * The ground truth of a simulated run: where the runner really was, second by second, from a list of legs
 * (how fast, for how long, how winding). Distance is the exact arc length (speed × time), so a recorder that
 * measures chords between fixes can only read short of it, never long.
 */
import type { Random } from "./random";

export interface Leg {
  seconds: number;
  metersPerSecond: number;
  /** Standard deviation of the heading's change per second, in degrees: how winding the way is. */
  windingDegrees: number;
  /** Metres climbed per metre travelled (negative downhill). */
  grade?: number;
  /** The fixes stop during this leg (a tunnel, a locked screen) while the runner goes on. */
  unrecorded?: boolean;
}

export interface TrueSample {
  /** Seconds since the start. */
  t: number;
  east: number;
  north: number;
  altitude: number;
  metersPerSecond: number;
  /** Heading, radians clockwise from north. */
  heading: number;
  unrecorded: boolean;
}

export interface TruePath {
  samples: TrueSample[];
  distanceMeters: number;
  movingSeconds: number;
}

const SUBSTEPS = 10;

/** Integrates the legs at 0.1 s and keeps one sample per second (t = 0, 1, 2, …). */
export function truePath(legs: readonly Leg[], random: Random, startAltitude = 50): TruePath {
  const samples: TrueSample[] = [];
  let east = 0;
  let north = 0;
  let altitude = startAltitude;
  let heading = random.between(0, 2 * Math.PI);
  let distanceMeters = 0;
  let movingSeconds = 0;
  let t = 0;
  for (const leg of legs) {
    for (let s = 0; s < leg.seconds; s++) {
      samples.push({ t, east, north, altitude, metersPerSecond: leg.metersPerSecond, heading, unrecorded: leg.unrecorded ?? false });
      const turn = (random.normal() * leg.windingDegrees * Math.PI) / 180;
      for (let k = 0; k < SUBSTEPS; k++) {
        heading += turn / SUBSTEPS;
        const step = leg.metersPerSecond / SUBSTEPS;
        east += step * Math.sin(heading);
        north += step * Math.cos(heading);
        altitude += step * (leg.grade ?? 0);
      }
      distanceMeters += leg.metersPerSecond;
      if (leg.metersPerSecond > 0) movingSeconds += 1;
      t += 1;
    }
  }
  samples.push({ t, east, north, altitude, metersPerSecond: 0, heading, unrecorded: false });
  return { samples, distanceMeters, movingSeconds };
}
