/** The fixed cheers a follower may send (no free text): ids the runner's screen turns into words in its language. */
export const CHEER_KINDS = ["go", "strong", "almost", "proud"] as const;
export type CheerKind = (typeof CHEER_KINDS)[number];

/** A cheer as the runner's phone receives it in an upload's answer. */
export interface Cheer {
  /** Made by the follower's browser: a retried cheer keeps its id and is heard once. */
  id: string;
  kind: CheerKind;
  fromName: string;
  sentAt: number;
}

/** What an upload's answer says about the run's live side (absent when nobody follows and no cheer waits). */
export interface LiveAnswer {
  followers: number;
  cheers: Cheer[];
}
