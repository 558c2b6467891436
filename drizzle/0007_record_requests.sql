ALTER TABLE "activities" ADD COLUMN "record_requested_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "record_computed_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "activities_record_owed_idx" ON "activities" USING btree ("id") WHERE "activities"."record_requested_seq" > "activities"."record_computed_seq" and "activities"."finished_at" is not null;--> statement-breakpoint
-- A finished run whose record could not be computed (Cassandra was down at its finish) is owed one.
UPDATE "activities" SET "record_requested_seq" = 1 WHERE "finished_at" IS NOT NULL AND "record_computed_at" IS NULL;
