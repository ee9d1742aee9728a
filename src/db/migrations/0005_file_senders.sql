CREATE TABLE "bronze"."raw_file_senders" (
	"sha256" text NOT NULL,
	"member_id" bigint NOT NULL,
	"source_platform" text NOT NULL,
	"source_chat_id" text,
	"source_message_id" text,
	"group_id" bigint,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "raw_file_senders_sha256_member_id_pk" PRIMARY KEY("sha256","member_id")
);
--> statement-breakpoint
ALTER TABLE "bronze"."raw_file_senders" ADD CONSTRAINT "raw_file_senders_sha256_raw_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "bronze"."raw_files"("sha256") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bronze"."raw_file_senders" ADD CONSTRAINT "raw_file_senders_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bronze"."raw_file_senders" ADD CONSTRAINT "raw_file_senders_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "app"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "raw_file_senders_member_id_index" ON "bronze"."raw_file_senders" USING btree ("member_id");--> statement-breakpoint
ALTER TABLE "bronze"."raw_files" ALTER COLUMN "bytes" DROP NOT NULL;--> statement-breakpoint
INSERT INTO "bronze"."raw_file_senders" ("sha256", "member_id", "source_platform", "source_chat_id", "source_message_id", "group_id", "sent_at")
SELECT DISTINCT ON ("raw_sha256", "member_id") "raw_sha256", "member_id", "source_platform", "source_chat_id", "source_message_id", "group_id", "received_at"
FROM "bronze"."scan_reports" ORDER BY "raw_sha256", "member_id", "id"
ON CONFLICT DO NOTHING;
