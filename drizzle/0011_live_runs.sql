CREATE TABLE "live_run_choices" (
	"activity_id" uuid PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"followable" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "live_by_default" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "live_run_choices" ADD CONSTRAINT "live_run_choices_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;