"use client";
/**
 * On the start panel: may friends follow this run live? Starts at the runner's default (off unless they turned
 * it on on the friends page); a change is kept for the run about to start (_lib/live-choice.ts).
 */
import { useEffect, useId, useState } from "react";
import { clearLiveChoice, fetchLiveDefault, saveLiveChoice } from "./_lib/live-choice";
import type { RunLabels } from "./run-screen";

export function LiveShareChoice({ labels }: { labels: RunLabels }) {
  const id = useId();
  const [followable, setFollowable] = useState(false);
  useEffect(() => {
    clearLiveChoice(); // a fresh panel starts from the default
    const controller = new AbortController();
    void fetchLiveDefault(controller.signal).then((value) => value !== null && setFollowable(value));
    return () => controller.abort();
  }, []);
  return (
    <div className="switch-row">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={followable}
        data-testid="live-choice"
        onChange={(event) => {
          setFollowable(event.target.checked);
          saveLiveChoice(event.target.checked);
        }}
      />
      <label htmlFor={id}>{labels.liveChoice}</label>
    </div>
  );
}
