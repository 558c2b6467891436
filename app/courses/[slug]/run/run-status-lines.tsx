/** The quieter facts under the controls: uploads waiting, whether the screen stays on, GPS. */
import type { OutboxStatus } from "@/app/_lib/outbox/status";
import { fill } from "./_lib/fill";
import type { GpsRecording } from "./_lib/use-gps-recorder";
import type { WakeLockState } from "./_lib/use-wake-lock";
import type { RunLabels } from "./run-screen";

export function uploadText(outbox: OutboxStatus, labels: RunLabels): string {
  if (outbox.events === 0 && outbox.points === 0) return labels.uploadDone;
  if (outbox.events === 0) return fill(labels.uploadPointsWaiting, { n: outbox.points });
  return outbox.events === 1 ? labels.uploadWaitingOne : fill(labels.uploadWaitingMany, { n: outbox.events });
}

export function RunStatusLines({
  gps,
  outbox,
  wakeLock,
  labels,
}: {
  gps: GpsRecording;
  outbox: OutboxStatus;
  wakeLock?: WakeLockState;
  labels: RunLabels;
}) {
  return (
    <ul className="run-status">
      <li role="status" data-testid="upload-status">
        {uploadText(outbox, labels)}
        {outbox.rejected > 0 && <span className="error"> · {fill(labels.uploadRejected, { n: outbox.rejected })}</span>}
      </li>
      {wakeLock && <li>{wakeLock === "on" ? labels.screenOn : labels.screenMayTurnOff}</li>}
      <li data-testid="gps-status">{fill(labels.gpsStatus, { points: gps.pointCount, waiting: gps.waiting })}</li>
      {gps.problem && (
        <li role="alert" className="error">
          {gps.problem === "denied" ? labels.gpsDenied : gps.problem === "storage" ? labels.gpsStorage : labels.gpsMissing}
        </li>
      )}
    </ul>
  );
}
