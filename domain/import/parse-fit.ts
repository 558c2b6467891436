/**
 * Reads the track of a FIT activity file through Garmin's own SDK (@garmin/fitsdk): every `record` message, in
 * file order. Records without a position (indoor, or before the first fix) are skipped and counted. Pure: takes
 * bytes, returns data.
 */
import { Decoder, Stream } from "@garmin/fitsdk";
import type { GpxPoint } from "../gpx/parse-gpx";

/** FIT stores positions in semicircles: 2^31 of them make 180 degrees. */
const DEGREES_PER_SEMICIRCLE = 180 / 2 ** 31;

export class FitParseError extends Error {
  readonly code = "FIT_PARSE" as const;
}

export interface FitTrack {
  points: GpxPoint[];
  skippedNoPosition: number;
}

/** Whether the bytes start with a FIT header (".FIT" at bytes 8–11). */
export function looksLikeFit(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && bytes[8] === 0x2e && bytes[9] === 0x46 && bytes[10] === 0x49 && bytes[11] === 0x54;
}

export function parseFitTrack(bytes: Uint8Array): FitTrack {
  const stream = Stream.fromByteArray(bytes);
  if (!Decoder.isFIT(stream)) throw new FitParseError("not a FIT file (no .FIT header)");
  const decoder = new Decoder(stream);
  const { messages, errors } = decoder.read({
    applyScaleAndOffset: true,
    expandSubFields: false,
    expandComponents: true,
    convertTypesToStrings: false,
    convertDateTimesToDates: true,
    mergeHeartRates: false,
  });
  const records = messages.recordMesgs ?? [];
  // The SDK keeps what it decoded before a fault (a file cut short): that is the run up to the cut, worth keeping;
  // a file that yields nothing is refused with the SDK's reason.
  if (records.length === 0 && errors.length > 0) throw new FitParseError(errors[0]!.message);
  let skippedNoPosition = 0;
  const points = records.flatMap((record): GpxPoint[] => {
    const { positionLat, positionLong } = record;
    if (typeof positionLat !== "number" || typeof positionLong !== "number") {
      skippedNoPosition++;
      return [];
    }
    const time = record.timestamp;
    const ts = time instanceof Date ? time.getTime() : NaN;
    const altitude = record.enhancedAltitude ?? record.altitude;
    return [
      {
        lat: positionLat * DEGREES_PER_SEMICIRCLE,
        lng: positionLong * DEGREES_PER_SEMICIRCLE,
        ts: Number.isFinite(ts) ? ts : null,
        altitude: typeof altitude === "number" && Number.isFinite(altitude) ? altitude : null,
      },
    ];
  });
  return { points, skippedNoPosition };
}
