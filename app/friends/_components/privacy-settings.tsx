"use client";
import { useState } from "react";
import { useTRPCClient } from "@/app/_lib/trpc-provider";
import { useFriendAction, type ErrorLabels } from "./use-friend-action";

export interface PrivacyLabels {
  privacy: string;
  visibilityLegend: string;
  visibilityFriends: string;
  visibilityPrivate: string;
  hideRouteEnds: string;
  saving: string;
  saved: string;
  errors: ErrorLabels;
}

type Visibility = "friends" | "private";

interface Props {
  runVisibility: Visibility;
  hideRouteEnds: boolean;
  labels: PrivacyLabels;
}

/** Each change is saved at once; on a failure the control goes back to what the server holds. */
export function PrivacySettings(props: Props) {
  const { labels } = props;
  const client = useTRPCClient();
  const { run, busy, error } = useFriendAction(labels.errors);
  const [visibility, setVisibility] = useState<Visibility>(props.runVisibility);
  const [hideEnds, setHideEnds] = useState(props.hideRouteEnds);
  const [saved, setSaved] = useState(false);

  async function save(change: { runVisibility?: Visibility; hideRouteEnds?: boolean }) {
    setSaved(false);
    const result = await run(() => client.profile.updatePrivacy.mutate(change));
    if (result) {
      setVisibility(result.runVisibility);
      setHideEnds(result.hideRouteEnds);
      setSaved(true);
    } else {
      setVisibility(props.runVisibility);
      setHideEnds(props.hideRouteEnds);
    }
  }

  return (
    <section aria-label={labels.privacy}>
      <h2>{labels.privacy}</h2>
      <form className="form" onSubmit={(e) => e.preventDefault()}>
        <fieldset disabled={busy} style={{ border: 0, padding: 0, margin: 0, display: "grid", gap: 8 }}>
          <legend style={{ fontWeight: 700, marginBottom: 8 }}>{labels.visibilityLegend}</legend>
          {(
            [
              ["friends", labels.visibilityFriends],
              ["private", labels.visibilityPrivate],
            ] as const
          ).map(([value, label]) => (
            <label key={value} style={{ display: "flex", gap: 10, alignItems: "center", minHeight: 48 }}>
              <input
                type="radio"
                name="runVisibility"
                value={value}
                checked={visibility === value}
                onChange={() => {
                  setVisibility(value);
                  void save({ runVisibility: value });
                }}
                style={{ minHeight: 0, width: 22, height: 22 }}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <label style={{ display: "flex", gap: 10, alignItems: "center", minHeight: 48 }}>
          <input
            type="checkbox"
            name="hideRouteEnds"
            checked={hideEnds}
            disabled={busy}
            onChange={(e) => {
              setHideEnds(e.target.checked);
              void save({ hideRouteEnds: e.target.checked });
            }}
            style={{ minHeight: 0, width: 22, height: 22, flex: "none" }}
          />
          {labels.hideRouteEnds}
        </label>
        <p role="status" aria-live="polite" className={error ? "error" : "meta"}>
          {error ?? (busy ? labels.saving : saved ? labels.saved : "")}
        </p>
      </form>
    </section>
  );
}
