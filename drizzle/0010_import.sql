CREATE TYPE "public"."activity_import_format" AS ENUM('gpx', 'tcx', 'fit');--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "imported_from" "activity_import_format";