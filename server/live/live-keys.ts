/** The Redis keys of live runs, all under one prefix (LIVE_REDIS_PREFIX) so deployments and tests can share a Redis. */
export interface LiveKeys {
  /** The folded state (JSON of LiveRunState plus `finished`): what a new follower's snapshot is made from. */
  state(activityId: string): string;
  /** The run's events (XADD with id `<seq>-1`, capped): a follower that reconnects reads on from its last id. */
  events(activityId: string): string;
  /** Pub/sub channel that wakes app servers with followers of the run (the stream is the truth). */
  channel(activityId: string): string;
  /** Connected followers: sorted set of connection ids scored by when each lapses. */
  followers(activityId: string): string;
  /** Cheers waiting for the runner's phone (step 5). */
  cheers(activityId: string): string;
  /** Cheer ids already heard (idempotency of a retried cheer). */
  cheerIds(activityId: string): string;
  /** Per-follower cheer budget. */
  cheerBudget(activityId: string, followerId: string): string;
  /** Pub/sub channel, one for the deployment: notices that live access may have been taken away (access-notices.ts). */
  accessChanges(): string;
}

export function liveKeys(prefix: string): LiveKeys {
  const run = (activityId: string, what: string) => `${prefix}run:{${activityId}}:${what}`;
  return {
    state: (id) => run(id, "state"),
    events: (id) => run(id, "events"),
    channel: (id) => run(id, "channel"),
    followers: (id) => run(id, "followers"),
    cheers: (id) => run(id, "cheers"),
    cheerIds: (id) => run(id, "cheer-ids"),
    cheerBudget: (id, followerId) => run(id, `cheer-budget:${followerId}`),
    accessChanges: () => `${prefix}access-changes`,
  };
}
