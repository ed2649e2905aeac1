-- 0017_life: 组织生活 (activities, their attendees and files); then (appended by its slice)
-- 思想汇报 (thought reports). Sections in the order of server/src/modules/life/schema.ts; a new one
-- goes at the end.

-- ─── activities/ ───
CREATE TABLE "activities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"kind" text NOT NULL,
	"topic" text NOT NULL,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"sign_in_open" boolean DEFAULT true NOT NULL,
	"secret" text NOT NULL,
	"host" text,
	"recorder" text,
	"minutes" text,
	"cancel_reason" text,
	"planned_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_kind_check" CHECK ("activities"."kind" in ('general_meeting','committee_meeting','group_meeting','party_lecture','party_day','life_meeting','democratic_life_meeting')),
	CONSTRAINT "activities_status_check" CHECK ("activities"."status" in ('planned','held','cancelled')),
	CONSTRAINT "activities_time_check" CHECK ("activities"."ends_at" > "activities"."starts_at")
);
--> statement-breakpoint
-- a subtree's activities in time order are one range (the C collation lets LIKE 'prefix%' use it)
CREATE INDEX "activities_org_path_idx" ON "activities" ("org_path", "starts_at");
--> statement-breakpoint
-- what one branch held of one kind in a period (due and overdue, monthly counts)
CREATE INDEX "activities_org_idx" ON "activities" ("org_id", "kind", "starts_at");
--> statement-breakpoint
-- the path follows the org when it is moved, as members' does (0009)
CREATE FUNCTION orgs_path_to_activities() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE activities SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_activities AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_activities();
--> statement-breakpoint
CREATE TABLE "activity_attendees" (
	"activity_id" bigint NOT NULL REFERENCES "activities"("id") ON DELETE cascade,
	"member_id" bigint NOT NULL,
	"name" text NOT NULL,
	"expected" boolean DEFAULT true NOT NULL,
	"signed_in_at" timestamp with time zone,
	"method" text,
	"leave" text,
	"leave_reason" text,
	"leave_asked_at" timestamp with time zone,
	"leave_note" text,
	"leave_decided_by" bigint REFERENCES "users"("id"),
	"leave_decided_at" timestamp with time zone,
	CONSTRAINT "activity_attendees_activity_id_member_id_pk" PRIMARY KEY("activity_id","member_id"),
	CONSTRAINT "activity_attendees_method_check" CHECK ("activity_attendees"."method" in ('qr','card','roll_call')),
	CONSTRAINT "activity_attendees_leave_check" CHECK ("activity_attendees"."leave" in ('requested','approved','refused')),
	CONSTRAINT "activity_attendees_signed_check" CHECK (("activity_attendees"."signed_in_at" is null) = ("activity_attendees"."method" is null))
);
--> statement-breakpoint
-- a member's own activities (member app)
CREATE INDEX "activity_attendees_member_idx" ON "activity_attendees" ("member_id");
--> statement-breakpoint
CREATE TABLE "activity_files" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" bigint NOT NULL REFERENCES "activities"("id") ON DELETE cascade,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"file_key" text NOT NULL,
	"thumb_key" text,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"uploaded_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_files_kind_check" CHECK ("activity_files"."kind" in ('photo','attachment'))
);
--> statement-breakpoint
CREATE INDEX "activity_files_activity_idx" ON "activity_files" ("activity_id", "id");
--> statement-breakpoint

-- ─── thought-reports/ ───
CREATE TABLE "thought_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL REFERENCES "members"("id"),
	"member_name" text NOT NULL,
	"stage" text NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"period" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"attachment_key" text,
	"attachment_name" text,
	"attachment_type" text,
	"attachment_size" integer,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" bigint REFERENCES "users"("id"),
	"reviewed_at" timestamp with time zone,
	"reviewed_by" bigint REFERENCES "users"("id"),
	"comment" text,
	CONSTRAINT "thought_reports_review_check" CHECK (("thought_reports"."reviewed_at" is null) = ("thought_reports"."comment" is null) and ("thought_reports"."reviewed_at" is null or "thought_reports"."reviewed_by" is not null)),
	CONSTRAINT "thought_reports_content_check" CHECK ("thought_reports"."body" <> '' or "thought_reports"."attachment_key" is not null),
	CONSTRAINT "thought_reports_stage_check" CHECK ("thought_reports"."stage" in ('activist','candidate','probationary'))
);
--> statement-breakpoint
-- one report per writer and period
CREATE UNIQUE INDEX "thought_reports_member_period_key" ON "thought_reports" ("member_id", "period");
--> statement-breakpoint
-- a subtree's reports, newest first (the C collation lets LIKE 'prefix%' use it)
CREATE INDEX "thought_reports_org_path_idx" ON "thought_reports" ("org_path", "submitted_at");
--> statement-breakpoint
-- the reports waiting for review
CREATE INDEX "thought_reports_pending_idx" ON "thought_reports" ("org_path") WHERE "thought_reports"."reviewed_at" is null;
--> statement-breakpoint
-- the assessment's month: reviewed
CREATE INDEX "thought_reports_reviewed_idx" ON "thought_reports" ("org_path", "reviewed_at") WHERE "thought_reports"."reviewed_at" is not null;
--> statement-breakpoint
-- the path follows the org when it is moved, as members' and activities' do
CREATE FUNCTION orgs_path_to_thought_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE thought_reports SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_thought_reports AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_thought_reports();
--> statement-breakpoint
CREATE TABLE "thought_report_frequencies" (
	"org_id" bigint PRIMARY KEY NOT NULL REFERENCES "orgs"("id"),
	"frequency" text NOT NULL,
	"set_by" bigint REFERENCES "users"("id"),
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "thought_report_frequencies_check" CHECK ("thought_report_frequencies"."frequency" in ('monthly','quarterly','half_yearly'))
);
