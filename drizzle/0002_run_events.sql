CREATE TYPE "public"."activity_event_type" AS ENUM('start', 'pause', 'resume', 'finish');--> statement-breakpoint
CREATE TYPE "public"."activity_finish_status" AS ENUM('completed', 'stopped');--> statement-breakpoint
ALTER TYPE "public"."activity_status" ADD VALUE 'paused' BEFORE 'completed';--> statement-breakpoint
CREATE TABLE "activity_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"activity_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" "activity_event_type" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"course_id" uuid,
	"status" "activity_finish_status",
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_events_activity_seq_unique" UNIQUE("activity_id","seq"),
	CONSTRAINT "activity_events_start_course" CHECK (("activity_events"."type" = 'start') = ("activity_events"."course_id" is not null)),
	CONSTRAINT "activity_events_finish_status" CHECK (("activity_events"."type" = 'finish') = ("activity_events"."status" is not null))
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "pauses" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_events" ADD CONSTRAINT "activity_events_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;