/**
 * GPS for the run screen, ported from the thin-slice recorder: watches the position while the run is
 * active, gives each fix a client UUID, and uploads them with `activities.appendPoints` in batches every
 * few seconds and at the finish, keeping whatever failed for the next try (the server refuses points until
 * the run's start event has reached it, and nothing reaches it offline).
 *
 * The buffer is in memory: a reload loses the points not yet uploaded. The IndexedDB outbox of the
 * recording issue replaces it. Mount it once per run (key the component by activity id).
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { pathDistance } from "@/domain/geo/distance";
import type { TrackPoint } from "@/domain/geo/track-point";
import { useTRPCClient } from "@/app/_lib/trpc-provider";
import { currentPace } from "./pace";

const FLUSH_INTERVAL_MS = 5_000;
const BATCH_SIZE = 100;
const noSubscription = () => () => undefined;

export interface GpsRecording {
  pointCount: number;
  /** Points recorded but not yet accepted by the server. */
  waiting: number;
  distanceMeters: number | null;
  paceSecondsPerKm: number | null;
  problem: "denied" | "missing" | null;
  /** Uploads what is waiting now; resolves when done or failed (never rejects). */
  flush: () => Promise<void>;
}

export function useGpsRecorder(activityId: string, recording: boolean, finished: boolean): GpsRecording {
  const client = useTRPCClient();
  const recorded = useRef<TrackPoint[]>([]);
  const pending = useRef<TrackPoint[]>([]);
  const flushing = useRef(false);
  const [pointCount, setPointCount] = useState(0);
  const [waiting, setWaiting] = useState(0);
  const [distance, setDistance] = useState<number | null>(null);
  const [pace, setPace] = useState<number | null>(null);
  const [denied, setDenied] = useState(false);
  const hasGeolocation = useSyncExternalStore(
    noSubscription,
    () => "geolocation" in navigator,
    () => true,
  );

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      while (pending.current.length > 0) {
        const batch = pending.current.slice(0, BATCH_SIZE);
        await client.activities.appendPoints.mutate({ activityId, points: batch });
        pending.current = pending.current.slice(batch.length);
        setWaiting(pending.current.length);
      }
    } catch {
      // Kept for the next round: offline, or the run's start has not reached the server yet.
    } finally {
      flushing.current = false;
    }
  }, [activityId, client]);

  useEffect(() => {
    if (!recording || !hasGeolocation) return;
    const watchId = navigator.geolocation.watchPosition(
      (position) => {
        const point: TrackPoint = {
          id: crypto.randomUUID(),
          ts: Math.round(position.timestamp),
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          altitude: position.coords.altitude,
          accuracy: position.coords.accuracy,
          speed: position.coords.speed,
        };
        recorded.current.push(point);
        pending.current.push(point);
        setPointCount(recorded.current.length);
        setWaiting(pending.current.length);
        setDistance(pathDistance(recorded.current));
        setPace(currentPace(recorded.current));
        setDenied(false);
      },
      (error) => {
        // Codes 2 (unavailable) and 3 (timeout) are transient: keep watching.
        if (error.code === error.PERMISSION_DENIED) setDenied(true);
      },
      { enableHighAccuracy: true, maximumAge: 0, timeout: 15_000 },
    );
    return () => navigator.geolocation.clearWatch(watchId);
  }, [recording, hasGeolocation]);

  useEffect(() => {
    const timer = setInterval(() => void flush(), FLUSH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [flush]);

  useEffect(() => {
    if (finished) void flush();
  }, [finished, flush]);

  return {
    pointCount,
    waiting,
    distanceMeters: pointCount > 0 ? distance : null,
    paceSecondsPerKm: recording ? pace : null,
    problem: !hasGeolocation ? "missing" : denied ? "denied" : null,
    flush,
  };
}
