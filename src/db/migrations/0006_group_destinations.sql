CREATE TABLE "app"."group_destinations" (
	"group_id" bigint PRIMARY KEY NOT NULL,
	"chosen_place" text,
	"last_scan_place" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app"."group_destinations" ADD CONSTRAINT "group_destinations_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "app"."groups"("id") ON DELETE cascade ON UPDATE no action;
