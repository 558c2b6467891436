/**
 * What the flusher uploads next: the first outbox item, and when it is a `points` item, the `points` items of
 * the same run right behind it, merged into one `appendPoints` call of at most `MAX_POINTS_PER_UPLOAD`. After
 * an offline stretch the outbox holds a small item per upload round (~15 fixes); sent one by one they run
 * into the server's per-runner budget (120 batches a minute), where merged they go up in a few calls. The
 * merge stops at the first item of another kind or another run, so nothing overtakes anything: a run's finish
 * stays behind the points packed before it, another run's start before that run's points. An item is never
 * split between two uploads (the sender may split one upload into requests while the page is hidden), so
 * the one-by-one fallback after a refusal finds the item the server refused, and no item is ever over 500.
 */
import { getDb, OUTBOX_STORE } from "../device-db";
import { MAX_POINTS_PER_UPLOAD, type OutboxItem, type PointsItem } from "./items";

export type StoredItem = OutboxItem & { id: number };

export interface Upload {
  /** The stored items it carries, oldest first. */
  items: StoredItem[];
  /** What to send: the one item itself, or the items' fixes merged into one `points` item (not stored). */
  merged: OutboxItem;
}

function merge(items: readonly (PointsItem & { id: number })[]): PointsItem {
  const [first, ...rest] = items;
  if (!first) throw new Error("Nothing to merge");
  if (rest.length === 0) return first;
  return {
    kind: "points",
    activityId: first.activityId,
    points: items.flatMap((item) => item.points),
    createdAt: first.createdAt,
    attempts: Math.max(...items.map((item) => item.attempts)),
  };
}

/** The next upload (null when the outbox is empty), read in one transaction. */
export async function nextUpload(): Promise<Upload | null> {
  const db = await getDb();
  let cursor = await db.transaction(OUTBOX_STORE).store.openCursor();
  if (!cursor) return null;
  const first = cursor.value as StoredItem;
  if (first.kind !== "points") return { items: [first], merged: first };
  const items = [first];
  let total = first.points.length;
  for (cursor = await cursor.continue(); cursor; cursor = await cursor.continue()) {
    const next = cursor.value as StoredItem;
    if (next.kind !== "points" || next.activityId !== first.activityId) break;
    if (total + next.points.length > MAX_POINTS_PER_UPLOAD) break;
    items.push(next);
    total += next.points.length;
  }
  return { items, merged: merge(items) };
}
