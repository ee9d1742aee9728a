CREATE TABLE "app"."sheet_sync_state" (
	"target" text PRIMARY KEY NOT NULL,
	"last_success_at" timestamp with time zone,
	"last_reason" text,
	"tabs" integer DEFAULT 0 NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	"appended" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"deleted" integer DEFAULT 0 NOT NULL,
	"unknown_rows" integer DEFAULT 0 NOT NULL,
	"write_requests" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone
);
