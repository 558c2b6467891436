/**
 * The runner's live choice for the run about to start, made on the start panel before the run has an id, and
 * sent once the run exists (cheer-banner.tsx). Kept in sessionStorage so a reload between the tap and the send
 * keeps it; posted to the app server (not the upload tier, which serves only the ingest paths) with retries
 * until it is acknowledged: the server keeps the choice even if it comes before the run's start event.
 */
// ingest-fetch (and superjson with it) is imported when a choice is sent, not with the run screen: the start
// screen's JavaScript budget (≤ 150 KB gz, `npm run bench:bundle`) has no room for it.

const KEY = "runcoach-live-choice";

export function saveLiveChoice(followable: boolean): void {
  try {
    sessionStorage.setItem(KEY, followable ? "on" : "off");
  } catch {
    // No storage: the runner's default applies.
  }
}

/** Forgets a choice left from a start panel that was never used (the runner went back without starting). */
export function clearLiveChoice(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}

function pendingChoice(): boolean | null {
  try {
    const value = sessionStorage.getItem(KEY);
    return value === "on" ? true : value === "off" ? false : null;
  } catch {
    return null;
  }
}

/** Sends the pending choice for `activityId`, trying again every few seconds until the server took it. */
export function sendPendingLiveChoice(activityId: string): () => void {
  const followable = pendingChoice();
  if (followable === null) return () => undefined;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = () => {
    import("@/app/_lib/outbox/ingest-fetch")
      .then(({ postMutation }) =>
        postMutation("live.chooseForRun", { activityId, followable }, controller.signal, { url: "/api/trpc", fetch: (input, init) => fetch(input, init) }),
      )
      .then(clearLiveChoice, () => {
        if (!controller.signal.aborted) timer = setTimeout(attempt, 5_000);
      });
  };
  attempt();
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}

/** The runner's live default, or null offline or signed out (the switch then starts off). */
export async function fetchLiveDefault(signal: AbortSignal): Promise<boolean | null> {
  try {
    const response = await fetch(`/api/trpc/live.getDefault`, { signal, credentials: "same-origin" });
    if (!response.ok) return null;
    const body = (await response.json()) as { result?: { data?: { json?: { followable?: unknown } } } };
    const value = body.result?.data?.json?.followable;
    return typeof value === "boolean" ? value : null;
  } catch {
    return null;
  }
}
