"use client";
/**
 * A follower's cheers: a few fixed ones (no free text). Each tap makes its own id, and a failed send is
 * retried with the same id, so the runner hears it once however many times it went.
 */
import { useState } from "react";
import { CHEER_KINDS, type CheerKind } from "@/domain/live/cheers";
import { IngestHttpError, postMutation } from "@/app/_lib/outbox/ingest-fetch";

export interface CheerLabels {
  legend: string;
  words: Record<CheerKind, string>;
  sent: string;
  limit: string;
  failed: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendCheer(activityId: string, kind: CheerKind): Promise<"sent" | "limit" | "failed"> {
  const cheerId = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await postMutation("live.cheer", { activityId, cheerId, kind }, AbortSignal.timeout(10_000), { url: "/api/trpc", fetch: (input, init) => fetch(input, init) });
      return "sent";
    } catch (error) {
      if (error instanceof IngestHttpError && error.status === 429) return "limit";
      if (error instanceof IngestHttpError && error.status < 500) return "failed";
      await sleep(1_000 * (attempt + 1)); // the same id again: heard once even if the first one got through
    }
  }
  return "failed";
}

export function CheerButtons({ activityId, labels }: { activityId: string; labels: CheerLabels }) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<"sent" | "limit" | "failed" | null>(null);
  return (
    <section aria-label={labels.legend}>
      <h2>{labels.legend}</h2>
      <div className="cheer-buttons">
        {CHEER_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="button"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setStatus(null);
              setStatus(await sendCheer(activityId, kind));
              setBusy(false);
            }}
          >
            {labels.words[kind]}
          </button>
        ))}
      </div>
      <p role="status" aria-live="polite" className={status === "sent" ? "meta" : status ? "error" : "meta"} data-testid="cheer-status">
        {status === "sent" ? labels.sent : status === "limit" ? labels.limit : status === "failed" ? labels.failed : ""}
      </p>
    </section>
  );
}
