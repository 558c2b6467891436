"use client";
/**
 * The thin-slice recorder: watches GPS, keeps fixes in memory and uploads them in batches every few
 * seconds and at finish. The IndexedDB outbox that survives reloads and long offline stretches replaces
 * this buffer in the recording issue.
 */
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { pathDistance } from "@/domain/geo/distance";
import type { TrackPoint } from "@/domain/geo/track-point";
import { formatClock, formatDistance } from "../../_lib/format";
import { useTRPCClient } from "../../_lib/trpc-provider";

const FLUSH_INTERVAL_MS = 5_000;
const BATCH_SIZE = 100;
const noSubscription = () => () => undefined;

export function RunRecorder({ activityId }: { activityId: string }) {
  const router = useRouter();
  const client = useTRPCClient();
  const recorded = useRef<TrackPoint[]>([]);
  const pending = useRef<TrackPoint[]>([]);
  const flushing = useRef(false);
  const [startedAt] = useState(() => Date.now());
  const [now, setNow] = useState(startedAt);
  const [pointCount, setPointCount] = useState(0);
  const [waiting, setWaiting] = useState(0);
  const [distance, setDistance] = useState(0);
  const [gpsError, setGpsError] = useState<string | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [finishError, setFinishError] = useState<string | null>(null);
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
    } finally {
      flushing.current = false;
    }
  }, [activityId, client]);

  useEffect(() => {
    if (!hasGeolocation) return;
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
        setGpsError(null);
      },
      (error) => {
        // Codes 2 (unavailable) and 3 (timeout) are transient: keep watching.
        if (error.code === error.PERMISSION_DENIED) setGpsError("Location permission was denied.");
      },
      { enableHighAccuracy: true, maximumAge: 0, timeout: 15_000 },
    );
    const ticker = setInterval(() => setNow(Date.now()), 1_000);
    const flusher = setInterval(() => void flush().catch(() => undefined), FLUSH_INTERVAL_MS);
    return () => {
      navigator.geolocation.clearWatch(watchId);
      clearInterval(ticker);
      clearInterval(flusher);
    };
  }, [flush, hasGeolocation]);

  async function finish() {
    setFinishing(true);
    setFinishError(null);
    try {
      await flush();
      await client.activities.finish.mutate({ activityId, finishedAt: Date.now(), status: "completed" });
      router.push("/history");
      router.refresh();
    } catch (error) {
      setFinishError(error instanceof Error ? error.message : "Could not finish the run");
      setFinishing(false);
    }
  }

  return (
    <>
      <h1>Running</h1>
      <div className="stat-grid">
        <div className="stat">
          <div className="stat-label">Time</div>
          <div className="stat-value" aria-label="Elapsed time">
            {formatClock((now - startedAt) / 1000)}
          </div>
        </div>
        <div className="stat">
          <div className="stat-label">Distance</div>
          <div className="stat-value" data-testid="live-distance">
            {formatDistance(distance)}
          </div>
        </div>
      </div>
      <p className="meta" aria-live="polite">
        {pointCount} GPS points recorded · {waiting} waiting to upload
      </p>
      {!hasGeolocation && (
        <p role="alert" className="error">
          This browser has no GPS access.
        </p>
      )}
      {gpsError && (
        <p role="alert" className="error">
          {gpsError}
        </p>
      )}
      {finishError && (
        <p role="alert" className="error">
          {finishError}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button danger" onClick={finish} disabled={finishing}>
          {finishing ? "Finishing…" : "Finish run"}
        </button>
      </div>
    </>
  );
}
