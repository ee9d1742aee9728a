CREATE TABLE "app"."challenges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"group_id" bigint NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"entry_days" integer DEFAULT 14 NOT NULL,
	"metric" text DEFAULT 'composite' NOT NULL,
	"mode" text DEFAULT 'leaderboard' NOT NULL,
	"threshold" double precision,
	"status" text DEFAULT 'running' NOT NULL,
	"stopped_on" date,
	"finish_status" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."challenge_entrants" (
	"challenge_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "challenge_entrants_challenge_id_member_id_pk" PRIMARY KEY("challenge_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "app"."challenge_notices" (
	"challenge_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'claimed' NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "challenge_notices_challenge_id_member_id_kind_pk" PRIMARY KEY("challenge_id","member_id","kind")
);
--> statement-breakpoint
ALTER TABLE "app"."challenges" ADD CONSTRAINT "challenges_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "app"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."challenge_entrants" ADD CONSTRAINT "challenge_entrants_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "app"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."challenge_entrants" ADD CONSTRAINT "challenge_entrants_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."challenge_notices" ADD CONSTRAINT "challenge_notices_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "app"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."challenge_notices" ADD CONSTRAINT "challenge_notices_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "challenges_one_running_per_group" ON "app"."challenges" USING btree ("group_id") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "challenge_entrants_member_id_index" ON "app"."challenge_entrants" USING btree ("member_id");
--> statement-breakpoint
CREATE TABLE "app"."scan_conditions" (
	"member_id" bigint NOT NULL,
	"scan_id" text NOT NULL,
	"fasted" boolean,
	"trained" boolean,
	"usual_time" boolean,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scan_conditions_member_id_scan_id_pk" PRIMARY KEY("member_id","scan_id")
);
--> statement-breakpoint
ALTER TABLE "app"."scan_conditions" ADD CONSTRAINT "scan_conditions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "app"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."members" ADD COLUMN "conditions_enabled" boolean DEFAULT true NOT NULL;
