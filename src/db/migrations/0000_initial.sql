CREATE SCHEMA "app";
--> statement-breakpoint
CREATE SCHEMA "bronze";
--> statement-breakpoint
CREATE TABLE "app"."goals" (
	"member_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"target" double precision NOT NULL,
	"start_value" double precision,
	"start_scan_id" text,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goals_member_id_metric_pk" PRIMARY KEY("member_id","metric")
);
--> statement-breakpoint
CREATE TABLE "app"."groups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"platform_chat_id" text NOT NULL,
	"title" text NOT NULL,
	"time_zone" text,
	"leaderboard_metric" text DEFAULT 'composite' NOT NULL,
	"challenge_start" date,
	"summary_enabled" boolean DEFAULT true NOT NULL,
	"summary_weekday" integer DEFAULT 1 NOT NULL,
	"summary_time" text DEFAULT '09:00' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."identities" (
	"platform" text NOT NULL,
	"platform_user_id" text NOT NULL,
	"member_id" bigint NOT NULL,
	"username" text,
	"display_name" text NOT NULL,
	"can_message_privately" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identities_platform_platform_user_id_pk" PRIMARY KEY("platform","platform_user_id")
);
--> statement-breakpoint
CREATE TABLE "app"."members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"units" text DEFAULT 'kg' NOT NULL,
	"reminders_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."memberships" (
	"group_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_group_id_member_id_pk" PRIMARY KEY("group_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "app"."processed_updates" (
	"platform" text NOT NULL,
	"update_key" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_updates_platform_update_key_pk" PRIMARY KEY("platform","update_key")
);
--> statement-breakpoint
CREATE TABLE "bronze"."raw_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size_bytes" integer NOT NULL,
	"file_name" text,
	"mime_type" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."reminders_sent" (
	"member_id" bigint NOT NULL,
	"last_scan_at" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_sent_member_id_last_scan_at_pk" PRIMARY KEY("member_id","last_scan_at")
);
--> statement-breakpoint
CREATE TABLE "bronze"."scan_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"raw_sha256" text NOT NULL,
	"member_id" bigint NOT NULL,
	"parser_version" text NOT NULL,
	"status" text NOT NULL,
	"error_code" text,
	"payload" jsonb,
	"scanned_at" text,
	"source_platform" text NOT NULL,
	"source_chat_id" text,
	"source_message_id" text,
	"group_id" bigint,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."summaries_sent" (
	"group_id" bigint NOT NULL,
	"week_start" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	CONSTRAINT "summaries_sent_group_id_week_start_pk" PRIMARY KEY("group_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "app"."voided_scans" (
	"scan_report_id" bigint PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"voided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app"."goals" ADD CONSTRAINT "goals_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."identities" ADD CONSTRAINT "identities_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."memberships" ADD CONSTRAINT "memberships_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "app"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."memberships" ADD CONSTRAINT "memberships_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."reminders_sent" ADD CONSTRAINT "reminders_sent_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bronze"."scan_reports" ADD CONSTRAINT "scan_reports_raw_sha256_raw_files_sha256_fk" FOREIGN KEY ("raw_sha256") REFERENCES "bronze"."raw_files"("sha256") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bronze"."scan_reports" ADD CONSTRAINT "scan_reports_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bronze"."scan_reports" ADD CONSTRAINT "scan_reports_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "app"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."summaries_sent" ADD CONSTRAINT "summaries_sent_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "app"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."voided_scans" ADD CONSTRAINT "voided_scans_scan_report_id_scan_reports_id_fk" FOREIGN KEY ("scan_report_id") REFERENCES "bronze"."scan_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "groups_platform_platform_chat_id_index" ON "app"."groups" USING btree ("platform","platform_chat_id");--> statement-breakpoint
CREATE INDEX "identities_member_id_index" ON "app"."identities" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "memberships_member_id_index" ON "app"."memberships" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scan_reports_file_once" ON "bronze"."scan_reports" USING btree ("raw_sha256","parser_version");--> statement-breakpoint
CREATE UNIQUE INDEX "scan_reports_scan_once" ON "bronze"."scan_reports" USING btree ("member_id","scanned_at","parser_version") WHERE status = 'accepted';--> statement-breakpoint
CREATE INDEX "scan_reports_member_id_index" ON "bronze"."scan_reports" USING btree ("member_id");