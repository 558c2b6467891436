/**
 * "Running now": friends' runs the viewer may follow live at this moment, each a link to its live page. A
 * server component; renders nothing when nobody is running (or the deployment has no live runs). With
 * `ownerId`, only that runner's (a friend's history page).
 */
import Link from "next/link";
import { getServerCaller } from "@/server/api/server-caller";
import { getDictionary } from "../_i18n/server";

export async function RunningNow({ ownerId }: { ownerId?: string }) {
  const [caller, { t }] = await Promise.all([getServerCaller(), getDictionary()]);
  const runs = (await caller.live.runningNow()).filter((run) => ownerId === undefined || run.ownerId === ownerId);
  if (runs.length === 0) return null;
  return (
    <section aria-label={t.live.runningNow} className="running-now" data-testid="running-now">
      <h2>{t.live.runningNow}</h2>
      <ul className="card-list">
        {runs.map((run) => (
          <li key={run.activityId}>
            <Link className="card running-now-card" href={`/live/${run.activityId}`}>
              <span className="live-dot" aria-hidden="true" />
              {t.live.followName.replace("{name}", run.runnerName)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
