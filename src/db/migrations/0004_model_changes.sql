CREATE TABLE "app"."model_changes" (
	"kind" text NOT NULL,
	"key" bigint NOT NULL,
	"xid" bigint NOT NULL,
	CONSTRAINT "model_changes_kind_key_pk" PRIMARY KEY("kind","key")
);
