import type { Metadata } from "next";
import { getServerCaller } from "@/server/api/server-caller";
import { formatDistance } from "../_lib/format";
import { requireSession } from "../_lib/session";

export const metadata: Metadata = { title: "History" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export default async function HistoryPage() {
  await requireSession("/history");
  const caller = await getServerCaller();
  const runs = await caller.activities.list();
  return (
    <>
      <h1>History</h1>
      {runs.length === 0 ? (
        <p className="notice">No runs yet. Pick a course and press Start.</p>
      ) : (
        <ul className="card-list" aria-label="Runs">
          {runs.map((run) => (
            <li key={run.id} className="card" data-testid="history-run">
              <span className="card-title">{run.courseTitleEn ?? "Free run"}</span>
              <span className="meta" style={{ display: "block" }}>
                {dateFormat.format(run.startedAt)} · {run.status}
              </span>
              <span className="stat-value" data-testid="run-distance">
                {formatDistance(run.distanceMeters)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
