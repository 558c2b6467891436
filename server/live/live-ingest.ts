/** The upload tier's live part (cheers, followers), built from the environment; null without REDIS_URL. */
import type { LiveAnswer } from "@/domain/live/cheers";
import { liveAnswerFor } from "./cheers";
import { getLiveServices } from "./live-service";

export function liveAnswerForIngest(): ((activityId: string, acknowledged: readonly string[]) => Promise<LiveAnswer | null>) | null {
  const live = getLiveServices();
  if (!live) return null;
  return (activityId, acknowledged) => liveAnswerFor(live.redis, live.keys, activityId, acknowledged);
}
