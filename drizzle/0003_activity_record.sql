ALTER TABLE "activities" ADD COLUMN "moving_seconds" double precision;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "record" jsonb;