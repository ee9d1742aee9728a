ALTER TABLE "app"."reminders_sent" ADD COLUMN "status" text DEFAULT 'sent' NOT NULL;--> statement-breakpoint
ALTER TABLE "app"."reminders_sent" ADD COLUMN "attempts" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "app"."summaries_sent" ADD COLUMN "status" text DEFAULT 'sent' NOT NULL;--> statement-breakpoint
ALTER TABLE "app"."summaries_sent" ADD COLUMN "scheduled_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "app"."summaries_sent" ADD COLUMN "ranks" jsonb;--> statement-breakpoint
ALTER TABLE "app"."summaries_sent" ADD COLUMN "error" text;