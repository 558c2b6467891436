/** One GPS fix as the recorder keeps it. Times are epoch milliseconds (UTC). */
export interface TrackPoint {
  /** Client-made UUID: the identity that makes a retried upload an idempotent upsert. */
  id: string;
  ts: number;
  lat: number;
  lng: number;
  altitude: number | null;
  /** Horizontal accuracy radius in metres, as the device reports it. */
  accuracy: number | null;
  /** Metres per second, when the device reports it. */
  speed: number | null;
}

/** Orders points by time, then id, the same order Cassandra's clustering key gives. */
export function compareTrackPoints(a: TrackPoint, b: TrackPoint): number {
  return a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The same fix: one id, time, position and measurements (a re-sent copy, not a conflicting one). */
export function sameTrackPoint(a: TrackPoint, b: TrackPoint): boolean {
  return (
    a.id === b.id &&
    a.ts === b.ts &&
    a.lat === b.lat &&
    a.lng === b.lng &&
    a.altitude === b.altitude &&
    a.accuracy === b.accuracy &&
    a.speed === b.speed
  );
}
