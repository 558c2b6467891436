ALTER TABLE "activities" ADD COLUMN "cold_points_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "late_points_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "cold_late_points_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "archive_claim" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "archive_claimed_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "activities_hot_started_idx" ON "activities" USING btree ("started_at") WHERE "activities"."cold_points_at" is null;--> statement-breakpoint
CREATE INDEX "activities_late_points_idx" ON "activities" USING btree ("id") WHERE "activities"."late_points_seq" > "activities"."cold_late_points_seq";