/**
 * Friendships between runners. One row per pair, whichever way round it was asked: `requester_id` asked
 * `addressee_id`; `status` is `pending` until the addressee accepts. Declining or removing deletes the row,
 * so either may ask again later. The unique index on the unordered pair stops two rows for one pair even
 * when both ask at the same moment.
 */
import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth";

export const friendshipStatusEnum = pgEnum("friendship_status", ["pending", "accepted"]);

export const friendships = pgTable(
  "friendships",
  {
    requesterId: text("requester_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    addresseeId: text("addressee_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    status: friendshipStatusEnum("status").notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.requesterId, table.addresseeId] }),
    uniqueIndex("friendships_pair_idx").on(
      sql`least(${table.requesterId}, ${table.addresseeId})`,
      sql`greatest(${table.requesterId}, ${table.addresseeId})`,
    ),
    index("friendships_addressee_idx").on(table.addresseeId),
    check("friendships_not_self", sql`${table.requesterId} <> ${table.addresseeId}`),
  ],
);
