CREATE TABLE "app"."pending_photo_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"file_name" text,
	"mime_type" text,
	"record" jsonb NOT NULL,
	"scanned_at" text,
	"corrected" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fixing" boolean DEFAULT false NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text,
	"reply_chat_id" text,
	"message_id" text,
	"group_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app"."pending_photo_reads" ADD CONSTRAINT "pending_photo_reads_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."pending_photo_reads" ADD CONSTRAINT "pending_photo_reads_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "app"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pending_photo_reads_file_once" ON "app"."pending_photo_reads" USING btree ("member_id","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "pending_photo_reads_scan_once" ON "app"."pending_photo_reads" USING btree ("member_id","scanned_at");--> statement-breakpoint
CREATE INDEX "pending_photo_reads_expires_at_index" ON "app"."pending_photo_reads" USING btree ("expires_at");
