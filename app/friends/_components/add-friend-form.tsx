"use client";
import { useState, type FormEvent } from "react";
import { useTRPCClient } from "@/app/_lib/trpc-provider";
import { useFriendAction, type ErrorLabels } from "./use-friend-action";

export interface AddFriendLabels {
  add: string;
  usernameLabel: string;
  send: string;
  sending: string;
  /** With `{username}`. */
  sent: string;
  /** With `{username}`. */
  nowFriends: string;
  errors: ErrorLabels;
}

export function AddFriendForm({ labels }: { labels: AddFriendLabels }) {
  const client = useTRPCClient();
  const { run, busy, error } = useFriendAction(labels.errors);
  const [username, setUsername] = useState("");
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const result = await run(() => client.friends.request.mutate({ username }));
    if (!result) return;
    setUsername("");
    setDone((result.status === "accepted" ? labels.nowFriends : labels.sent).replace("{username}", result.runner.username));
  }

  return (
    <form className="form" onSubmit={submit} aria-label={labels.add}>
      <label>
        {labels.usernameLabel}
        <input
          name="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          minLength={3}
          maxLength={30}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
        />
      </label>
      <button className="button" type="submit" disabled={busy}>
        {busy ? labels.sending : labels.send}
      </button>
      <p role="status" aria-live="polite" className={error ? "error" : undefined}>
        {error ?? done}
      </p>
    </form>
  );
}
