ALTER TABLE "app"."processed_updates" ADD COLUMN "lease_until" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "app"."processed_updates" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "app"."processed_updates" ADD COLUMN "attempts" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
UPDATE "app"."processed_updates" SET "done_at" = "processed_at";--> statement-breakpoint
CREATE TABLE "app"."pending_replies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"member_id" bigint NOT NULL,
	"raw_sha256" text NOT NULL,
	"scan_report_id" bigint,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"user_id" text,
	"in_group" boolean NOT NULL,
	"group_id" bigint,
	"message_id" text,
	"file_name" text,
	"mime_type" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
ALTER TABLE "app"."pending_replies" ADD CONSTRAINT "pending_replies_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."pending_replies" ADD CONSTRAINT "pending_replies_raw_sha256_raw_files_sha256_fk" FOREIGN KEY ("raw_sha256") REFERENCES "bronze"."raw_files"("sha256") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."pending_replies" ADD CONSTRAINT "pending_replies_scan_report_id_scan_reports_id_fk" FOREIGN KEY ("scan_report_id") REFERENCES "bronze"."scan_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."pending_replies" ADD CONSTRAINT "pending_replies_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "app"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pending_replies_once" ON "app"."pending_replies" USING btree ("kind","member_id","raw_sha256");--> statement-breakpoint
CREATE INDEX "pending_replies_due" ON "app"."pending_replies" USING btree ("not_before") WHERE delivered_at is null;
