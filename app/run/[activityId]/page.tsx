import type { Metadata } from "next";
import { requireSession } from "../../_lib/session";
import { RunRecorder } from "./run-recorder";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ activityId: string }> }) {
  const { activityId } = await params;
  await requireSession(`/run/${activityId}`);
  return <RunRecorder activityId={activityId} />;
}
