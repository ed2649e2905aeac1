-- 0034_surveys: 问卷调查 (issue 16)
-- A survey: its definition (sections → questions with stable ids) is one jsonb document, checked by
-- contracts/surveys/definition.ts and server/src/modules/surveys/rules.ts. Questions may be edited
-- only while no response exists (then `version` goes up); after that, edits are refused.
CREATE TABLE "surveys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"audience_kind" text NOT NULL,
	"audience_org_id" bigint REFERENCES "orgs"("id"),
	"audience_class_id" bigint,
	-- a "list" survey's members as named, resolved against the caller's scope at publication
	"audience_member_ids" bigint[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"definition" jsonb NOT NULL,
	"public_token" text,
	"closes_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"invited_count" integer DEFAULT 0 NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_title_check" CHECK (length("surveys"."title") between 1 and 100),
	CONSTRAINT "surveys_audience_check" CHECK ("surveys"."audience_kind" in ('org','class','list','public')),
	CONSTRAINT "surveys_status_check" CHECK ("surveys"."status" in ('draft','open','closed'))
);
--> statement-breakpoint
CREATE INDEX "surveys_org_path_idx" ON "surveys" ("org_path" text_pattern_ops);
--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_public_token_idx" ON "surveys" ("public_token");
--> statement-breakpoint
-- who is asked (member audiences), resolved when the survey is published: the response rate's denominator
CREATE TABLE "survey_invitees" (
	"survey_id" bigint NOT NULL REFERENCES "surveys"("id") ON DELETE cascade,
	"member_id" bigint NOT NULL REFERENCES "members"("id"),
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	CONSTRAINT "survey_invitees_pk" PRIMARY KEY ("survey_id", "member_id")
);
--> statement-breakpoint
CREATE INDEX "survey_invitees_member_idx" ON "survey_invitees" ("member_id");
--> statement-breakpoint
CREATE INDEX "survey_invitees_org_idx" ON "survey_invitees" ("org_id");
--> statement-breakpoint
-- who has answered (a member, or a public device's random cookie): one response each. It names no
-- response and keeps no time, so an anonymous survey's responses cannot be traced back to a person.
CREATE TABLE "survey_participations" (
	"survey_id" bigint NOT NULL REFERENCES "surveys"("id") ON DELETE cascade,
	"member_id" bigint REFERENCES "members"("id"),
	"device" text,
	CONSTRAINT "survey_participations_who_check" CHECK (("member_id" is null) <> ("device" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_participations_member_idx" ON "survey_participations" ("survey_id", "member_id") WHERE "member_id" is not null;
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_participations_device_idx" ON "survey_participations" ("survey_id", "device") WHERE "device" is not null;
--> statement-breakpoint
-- a member's answers so far (resumable); removed when they submit
CREATE TABLE "survey_drafts" (
	"survey_id" bigint NOT NULL REFERENCES "surveys"("id") ON DELETE cascade,
	"member_id" bigint NOT NULL REFERENCES "members"("id"),
	"answers" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_drafts_pk" PRIMARY KEY ("survey_id", "member_id")
);
--> statement-breakpoint
-- a counted answer set, with the respondent's coarse attributes as they were (for cross-tabulation);
-- member_id only when the survey is not anonymous
CREATE TABLE "survey_responses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"survey_id" bigint NOT NULL REFERENCES "surveys"("id") ON DELETE cascade,
	"version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"member_id" bigint REFERENCES "members"("id"),
	"org_id" bigint REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C",
	"gender" text,
	"age_band" text,
	"category" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "survey_responses_survey_idx" ON "survey_responses" ("survey_id", "id");
--> statement-breakpoint
CREATE INDEX "survey_responses_org_idx" ON "survey_responses" ("org_id");
--> statement-breakpoint
-- the paths follow the org when it is moved, as the pool's do (0028)
CREATE FUNCTION orgs_path_to_surveys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE surveys SET org_path = NEW.path WHERE org_id = NEW.id;
  UPDATE survey_invitees SET org_path = NEW.path WHERE org_id = NEW.id;
  UPDATE survey_responses SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_surveys AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_surveys();
