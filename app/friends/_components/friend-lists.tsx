"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTRPCClient } from "@/app/_lib/trpc-provider";
import { useFriendAction, type ErrorLabels } from "./use-friend-action";

export interface FriendListLabels {
  incoming: string;
  outgoing: string;
  list: string;
  none: string;
  noIncoming: string;
  noOutgoing: string;
  accept: string;
  decline: string;
  cancel: string;
  remove: string;
  seeRuns: string;
  errors: ErrorLabels;
}

export interface RunnerEntry {
  userId: string;
  username: string;
  name: string;
  /** Friends only: whether their history can be opened (they share runs with friends). */
  sharesRuns?: boolean;
}

interface Props {
  friends: RunnerEntry[];
  incoming: RunnerEntry[];
  outgoing: RunnerEntry[];
  labels: FriendListLabels;
}

export function FriendLists({ friends, incoming, outgoing, labels }: Props) {
  const client = useTRPCClient();
  const { run, busy, error } = useFriendAction(labels.errors);

  const respond = (userId: string, action: "accept" | "decline") => run(() => client.friends.respond.mutate({ userId, action }));
  const remove = (userId: string) => run(() => client.friends.remove.mutate({ userId }));

  const section = (title: string, empty: string, entries: RunnerEntry[], actions: (entry: RunnerEntry) => ReactNode) => (
    <section aria-label={title}>
      <h2>{title}</h2>
      {entries.length === 0 ? (
        <p className="meta">{empty}</p>
      ) : (
        <ul className="card-list" aria-label={title}>
          {entries.map((entry) => (
            <li key={entry.userId} className="card" data-testid="friend-entry">
              <span className="card-title">{entry.username}</span>
              {entry.name !== entry.username && <span className="meta"> · {entry.name}</span>}
              <div className="button-row" style={{ margin: "8px 0 0" }}>
                {actions(entry)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {section(labels.incoming, labels.noIncoming, incoming, (entry) => (
        <>
          <button className="button" type="button" disabled={busy} onClick={() => respond(entry.userId, "accept")}>
            {labels.accept}
          </button>
          <button className="button secondary" type="button" disabled={busy} onClick={() => respond(entry.userId, "decline")}>
            {labels.decline}
          </button>
        </>
      ))}
      {section(labels.outgoing, labels.noOutgoing, outgoing, (entry) => (
        <button className="button secondary" type="button" disabled={busy} onClick={() => remove(entry.userId)}>
          {labels.cancel}
        </button>
      ))}
      {section(labels.list, labels.none, friends, (entry) => (
        <>
          {entry.sharesRuns && (
            <Link className="button" href={`/history/${encodeURIComponent(entry.username.toLowerCase())}`} aria-label={`${labels.seeRuns}: ${entry.username}`}>
              {labels.seeRuns}
            </Link>
          )}
          <button className="button secondary" type="button" disabled={busy} onClick={() => remove(entry.userId)}>
            {labels.remove}
          </button>
        </>
      ))}
    </>
  );
}
