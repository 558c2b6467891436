"use client";
/** The live default beside the privacy settings: off unless the runner turns it on; each run may say otherwise. */
import { useState } from "react";
import { useTRPCClient } from "@/app/_lib/trpc-provider";
import { useFriendAction, type ErrorLabels } from "./use-friend-action";

export function LiveDefaultSetting(props: { followable: boolean; labels: { legend: string; label: string; saving: string; saved: string; errors: ErrorLabels } }) {
  const { labels } = props;
  const client = useTRPCClient();
  const { run, busy, error } = useFriendAction(labels.errors);
  const [followable, setFollowable] = useState(props.followable);
  const [saved, setSaved] = useState(false);

  async function save(value: boolean) {
    setSaved(false);
    setFollowable(value);
    const result = await run(() => client.live.setDefault.mutate({ followable: value }));
    if (result) {
      setFollowable(result.followable);
      setSaved(true);
    } else setFollowable(props.followable);
  }

  return (
    <section aria-label={labels.legend}>
      <h2>{labels.legend}</h2>
      <label style={{ display: "flex", gap: 10, alignItems: "center", minHeight: 48 }}>
        <input
          type="checkbox"
          name="liveByDefault"
          checked={followable}
          disabled={busy}
          onChange={(e) => void save(e.target.checked)}
          style={{ minHeight: 0, width: 22, height: 22, flex: "none" }}
        />
        {labels.label}
      </label>
      <p role="status" aria-live="polite" className={error ? "error" : "meta"}>
        {error ?? (busy ? labels.saving : saved ? labels.saved : "")}
      </p>
    </section>
  );
}
