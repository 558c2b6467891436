/**
 * GPS for the run screen: watches the position while the run is active and gives each fix a client UUID.
 * A fix goes to IndexedDB (`storePoint`) before anything else happens to it, so a reload, a crash, an
 * offline stretch or a failing server loses nothing: the outbox packs and uploads it with
 * `activities.appendPoints`, in order behind the run's start event. Every upload interval (cadence.ts),
 * while fixes wait, this nudges the uploader (which ignores nudges while it backs off). At the finish the
 * caller runs `packPoints` first, so the finish event is queued behind the last fixes and the server's
 * record has them.
 *
 * The live distance and pace come from the record's own filter over a sliding tail of fixes (live-track.ts),
 * with the run's start and pauses, kept across reloads in sessionStorage. "Waiting" is read from the outbox: fixes not yet packed plus fixes in unsent batches.
 * Mount it once per run (key the component by activity id).
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { TrackPoint } from "@/domain/geo/track-point";
import type { TrackTiming } from "@/domain/record/clean-track";
import { packPoints, storePoint } from "@/app/_lib/outbox/points";
import { getOutboxStatus, notifyOutboxEnqueued, subscribeOutbox } from "@/app/_lib/outbox/status";
import { FOLLOWED_UPLOAD_INTERVAL_MS, POINT_UPLOAD_INTERVAL_MS } from "@/app/_lib/outbox/cadence";
import { isFollowed } from "@/app/_lib/live/live-inbox";
import { addFix, isRepeat, loadLiveTrack, saveLiveTrack, type LiveTrack } from "./live-track";
import { currentPace } from "@/domain/record/current-pace";

const noSubscription = () => () => undefined;

export interface GpsRecording {
  pointCount: number;
  /** Fixes recorded on this device but not yet acknowledged by the server. */
  waiting: number;
  distanceMeters: number | null;
  paceSecondsPerKm: number | null;
  /** "storage": a fix could not be written to the device (storage full or disabled). */
  problem: "denied" | "missing" | "storage" | null;
  /** Queues every stored fix of this run for upload now; resolves when done or failed (never rejects). */
  packPoints: () => Promise<void>;
}

export function useGpsRecorder(activityId: string, recording: boolean, timing: TrackTiming): GpsRecording {
  const [track, setTrack] = useState<LiveTrack>(() => loadLiveTrack(activityId));
  /** Read when a fix is stored (not a reason to restart the watch): a resume changes it mid-watch. */
  const timingRef = useRef(timing);
  useEffect(() => {
    timingRef.current = timing;
  }, [timing]);
  const trackRef = useRef(track);
  /** The last fix handed to storage (its write may still be running), to spot the same fix handed again. */
  const lastFix = useRef<LiveTrack>(track);
  const [denied, setDenied] = useState(false);
  const [storageFailed, setStorageFailed] = useState(false);
  const outbox = useSyncExternalStore(subscribeOutbox, getOutboxStatus, getOutboxStatus);
  const hasGeolocation = useSyncExternalStore(
    noSubscription,
    () => "geolocation" in navigator,
    () => true,
  );

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
        setDenied(false);
        if (isRepeat(lastFix.current, point)) return;
        lastFix.current = { ...lastFix.current, tail: [point] };
        // First to disk: the display follows only once the fix is stored.
        storePoint(activityId, point).then(
          () => {
            const next = addFix(trackRef.current, point, timingRef.current);
            trackRef.current = next;
            saveLiveTrack(activityId, next);
            setTrack(next);
            setStorageFailed(false);
          },
          () => setStorageFailed(true),
        );
      },
      (error) => {
        // Codes 2 (unavailable) and 3 (timeout) are transient: keep watching.
        if (error.code === error.PERMISSION_DENIED) setDenied(true);
      },
      { enableHighAccuracy: true, maximumAge: 0, timeout: 15_000 },
    );
    return () => navigator.geolocation.clearWatch(watchId);
  }, [activityId, recording, hasGeolocation]);

  const waiting = outbox.points;
  // Keyed on whether fixes wait, not on how many: a new fix every second must not restart the interval, or
  // it never fires while the runner moves and fixes go up only with the outbox's slower health check.
  const hasWaiting = waiting > 0;
  useEffect(() => {
    if (!hasWaiting) return;
    // Every 15 s, or every 3 s while a friend follows live (the last upload's answer said so).
    let last = Date.now();
    const timer = setInterval(() => {
      if (!isFollowed() && Date.now() - last < POINT_UPLOAD_INTERVAL_MS) return;
      last = Date.now();
      void notifyOutboxEnqueued().catch(() => undefined);
    }, FOLLOWED_UPLOAD_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [hasWaiting]);

  const pack = useCallback(async () => {
    try {
      await packPoints(activityId);
    } catch {
      // The fixes stay in pending-points; the next upload round packs them.
    }
  }, [activityId]);

  return {
    pointCount: track.pointCount,
    waiting,
    distanceMeters: track.pointCount > 0 ? track.distanceMeters : null,
    paceSecondsPerKm: recording ? currentPace(track.recentSteps) : null,
    problem: !hasGeolocation ? "missing" : denied ? "denied" : storageFailed ? "storage" : null,
    packPoints: pack,
  };
}
