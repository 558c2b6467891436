/**
 * Which offsets the live fan-out may commit: per partition, the last message of the prefix of received messages
 * that are all folded. Batches of different runs fold side by side, so one partition's messages finish out of
 * order; committing past one still being folded would skip it if this member died (a hole in a follower's
 * route). Pure: the consumer says what it received and what it folded, and asks what to commit.
 *
 * Offsets need not be consecutive (transaction markers and compaction leave holes): the prefix is of the
 * messages received, in offset order. After a rebalance the stream reads again from the group's committed
 * offset, so an offset may be received twice: it is done when every copy is folded; one already handed out
 * for commit is not tracked again (it was folded).
 */

export interface Commit<T> {
  partition: number;
  offset: bigint;
  /** What `received` was given for this message (the consumer's commit of it). */
  handle: T;
}

interface Entry<T> {
  offset: bigint;
  /** Copies received and not yet folded. */
  unfolded: number;
  handle: T;
}

interface PartitionState<T> {
  /** Received and not yet handed out for commit, by offset. */
  entries: Entry<T>[];
  /** The last offset handed out for commit. */
  committed: bigint | null;
}

export interface CommitWatermark<T> {
  received(partition: number, offset: bigint, handle: T): void;
  folded(partition: number, offset: bigint): void;
  /** For each partition with a newly folded prefix, its last message; each is handed out once. */
  toCommit(): Commit<T>[];
  /** Forgets every partition not in `partitions` (a rebalance gave them to another member). */
  retain(partitions: Iterable<number>): void;
  /** Messages received and not yet handed out for commit (folded or not). */
  pending(): number;
}

export function createCommitWatermark<T>(): CommitWatermark<T> {
  const partitions = new Map<number, PartitionState<T>>();

  /** Index of `offset` in `entries`, or where it would go (entries are kept sorted; most arrive last). */
  function position(entries: Entry<T>[], offset: bigint): number {
    let i = entries.length;
    while (i > 0 && entries[i - 1]!.offset >= offset) i--;
    return i;
  }

  return {
    received(partition, offset, handle) {
      let state = partitions.get(partition);
      if (!state) partitions.set(partition, (state = { entries: [], committed: null }));
      if (state.committed !== null && offset <= state.committed) return;
      const i = position(state.entries, offset);
      const entry = state.entries[i];
      if (entry?.offset === offset) {
        entry.unfolded++;
        entry.handle = handle;
      } else {
        state.entries.splice(i, 0, { offset, unfolded: 1, handle });
      }
    },

    folded(partition, offset) {
      const entries = partitions.get(partition)?.entries;
      if (!entries) return;
      const entry = entries[position(entries, offset)];
      if (entry?.offset === offset && entry.unfolded > 0) entry.unfolded--;
    },

    toCommit() {
      const commits: Commit<T>[] = [];
      for (const [partition, state] of partitions) {
        let done = 0;
        while (done < state.entries.length && state.entries[done]!.unfolded === 0) done++;
        if (done === 0) continue;
        const last = state.entries[done - 1]!;
        state.entries.splice(0, done);
        state.committed = last.offset;
        commits.push({ partition, offset: last.offset, handle: last.handle });
      }
      return commits;
    },

    retain(kept) {
      const keep = new Set(kept);
      for (const partition of partitions.keys()) if (!keep.has(partition)) partitions.delete(partition);
    },

    pending() {
      let count = 0;
      for (const state of partitions.values()) count += state.entries.length;
      return count;
    },
  };
}
