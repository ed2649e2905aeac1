-- The notice centre (platform/notify): one notice per (kind, source) with its channel plan, and a
-- receipt per recipient (delivered per channel, read, reminded). Recipients are members by id: the
-- platform knows no module's tables, so there is no foreign key to members.
CREATE TABLE "notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"link" text,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"channels" text[] DEFAULT '{in_app}' NOT NULL,
	"sent_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recipient_count" integer DEFAULT 0 NOT NULL,
	"last_reminded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notice_receipts" (
	"notice_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"user_id" bigint,
	"delivered" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"remind_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_receipts_pkey" PRIMARY KEY("notice_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notice_receipts" ADD CONSTRAINT "notice_receipts_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notice_receipts" ADD CONSTRAINT "notice_receipts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "notices_source_key" ON "notices" USING btree ("kind","source_type","source_id");
--> statement-breakpoint
CREATE INDEX "notices_scope_idx" ON "notices" USING btree ("org_path" text_pattern_ops,"created_at");
--> statement-breakpoint
CREATE INDEX "notices_created_idx" ON "notices" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX "notices_org_idx" ON "notices" USING btree ("org_id");
--> statement-breakpoint
CREATE INDEX "notice_receipts_user_idx" ON "notice_receipts" USING btree ("user_id","created_at");
--> statement-breakpoint
CREATE INDEX "notice_receipts_unread_idx" ON "notice_receipts" USING btree ("user_id") WHERE "notice_receipts"."read_at" is null;
--> statement-breakpoint
CREATE INDEX "notice_receipts_read_idx" ON "notice_receipts" USING btree ("notice_id") WHERE "notice_receipts"."read_at" is not null;
--> statement-breakpoint
-- A notice's org path follows its org when the org moves (orgs.path changes for a whole subtree
-- in one statement), as members' does (0009): "notices sent in my scope" stays one index range.
CREATE FUNCTION orgs_path_to_notices() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE notices SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_notices AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_notices();
