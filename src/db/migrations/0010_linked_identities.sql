CREATE TABLE "app"."member_merges" (
	"merged_member_id" bigint PRIMARY KEY NOT NULL,
	"into_member_id" bigint NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."link_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"platform" text NOT NULL,
	"platform_user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "app"."link_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"platform_user_id" text NOT NULL,
	"attempted_at" timestamp with time zone NOT NULL,
	"succeeded" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app"."member_merges" ADD CONSTRAINT "member_merges_merged_member_id_members_id_fk" FOREIGN KEY ("merged_member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."member_merges" ADD CONSTRAINT "member_merges_into_member_id_members_id_fk" FOREIGN KEY ("into_member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."link_codes" ADD CONSTRAINT "link_codes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_merges_into_member_id_index" ON "app"."member_merges" USING btree ("into_member_id");--> statement-breakpoint
CREATE INDEX "link_codes_member_id_created_at_index" ON "app"."link_codes" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "link_codes_platform_platform_user_id_index" ON "app"."link_codes" USING btree ("platform","platform_user_id");--> statement-breakpoint
CREATE INDEX "link_attempts_platform_platform_user_id_attempted_at_index" ON "app"."link_attempts" USING btree ("platform","platform_user_id","attempted_at");
