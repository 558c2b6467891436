/**
 * The name a runner goes by on screen: the username as they typed it (better-auth's `display_username`),
 * else the lower-cased one it stores, else their name. One expression for every query that shows runners,
 * so a friends list, a run's owner and a history title never disagree.
 */
import { sql, type AnyColumn } from "drizzle-orm";

export function shownUsername(who: { displayUsername: AnyColumn; username: AnyColumn; name: AnyColumn }) {
  return sql<string>`coalesce(${who.displayUsername}, ${who.username}, ${who.name})`;
}
