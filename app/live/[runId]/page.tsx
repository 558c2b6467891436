/**
 * /live/<runId>: a friend's run as it happens (route, distance, pace, time, course step, last update), ending
 * with a link to the finished record. Anyone who may not follow the run gets the same not-found page as for an
 * id nobody has.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDictionary } from "@/app/_i18n/server";
import { requireSession } from "@/app/_lib/session";
import { getDb } from "@/server/db";
import { followableRun } from "@/server/live/live-runs";
import { getLiveServices } from "@/server/live/live-service";
import { isLiveRunId } from "@/server/live/schemas";
import { CheerButtons } from "./_components/cheer-buttons";
import { LiveRunView } from "./_components/live-run-view";

export const metadata: Metadata = { title: "Live run" };

export default async function LivePage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const session = await requireSession(`/live/${runId}`);
  if (!getLiveServices() || !isLiveRunId(runId)) notFound();
  const run = await followableRun(getDb(), { userId: session.user.id }, runId);
  if (!run) notFound();
  const { t } = await getDictionary();
  const l = t.live;
  return (
    <LiveRunView
      runId={runId}
      finished={run.finished}
      homeHidden={run.hideRouteEnds}
      title={run.isOwner ? l.titleOwn : l.title.replace("{name}", run.runnerName)}
      stepNames={t.steps}
      labels={{
        distance: l.distance,
        pace: l.pace,
        elapsed: l.elapsed,
        step: l.step,
        stepOf: l.stepOf,
        courseDone: l.courseDone,
        lastUpdate: l.lastUpdate,
        waiting: l.waiting,
        paused: l.paused,
        reconnecting: l.reconnecting,
        finished: l.finished,
        gone: l.gone,
        seeRecord: l.seeRecord,
        routeLabel: l.routeLabel,
        homeHidden: l.homeHidden,
        start: t.runDetail.routeStart,
        here: l.here,
      }}
    >
      {!run.isOwner && !run.finished && (
        <CheerButtons
          activityId={runId}
          labels={{ legend: l.cheerLegend, words: t.run.cheerWords, sent: l.cheerSent, limit: l.cheerLimit, failed: l.cheerFailed }}
        />
      )}
    </LiveRunView>
  );
}
