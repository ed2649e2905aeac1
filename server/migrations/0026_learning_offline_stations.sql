-- 0026_learning_offline_stations: 线下学习 (offline/) and 远程教育站点 (stations/)
-- Sections in the order of server/src/modules/learning/schema.ts.

-- ─── offline/ ───
-- 线下学习 "组织认定 + 网络登记": a session an org records (topic, day, minutes, attendees, photos)
-- and submits; the superior org approves it or returns it with a reason; only approved minutes
-- are credited (study_years, through study/credit-study.ts).
CREATE TABLE "offline_studies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"topic" text NOT NULL,
	"studied_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"approver_org_id" bigint REFERENCES "orgs"("id"),
	"submissions" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" bigint REFERENCES "users"("id"),
	"decided_at" timestamp with time zone,
	"decided_by" bigint REFERENCES "users"("id"),
	"return_reason" text,
	"recorded_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offline_studies_state_check" CHECK ("offline_studies"."state" in ('draft','submitted','returned','approved')),
	CONSTRAINT "offline_studies_minutes_check" CHECK ("offline_studies"."minutes" between 1 and 480),
	CONSTRAINT "offline_studies_returned_check" CHECK (("offline_studies"."state" = 'returned') = ("offline_studies"."return_reason" is not null)),
	CONSTRAINT "offline_studies_decided_check" CHECK (("offline_studies"."state" in ('returned','approved')) = ("offline_studies"."decided_at" is not null)),
	CONSTRAINT "offline_studies_submitted_check" CHECK ("offline_studies"."state" = 'draft' or "offline_studies"."submitted_at" is not null)
);
--> statement-breakpoint
-- a subtree's sessions by day (the C collation lets LIKE 'prefix%' use it)
CREATE INDEX "offline_studies_org_path_idx" ON "offline_studies" ("org_path", "studied_on");
--> statement-breakpoint
-- those waiting for the superior, oldest first
CREATE INDEX "offline_studies_pending_idx" ON "offline_studies" ("org_path", "submitted_at") WHERE "offline_studies"."state" = 'submitted';
--> statement-breakpoint
-- the path follows the org when it is moved, as activities' does (0017)
CREATE FUNCTION orgs_path_to_offline_studies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE offline_studies SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_offline_studies AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_offline_studies();
--> statement-breakpoint
-- who attended, with the name on the record when it was entered (as the paper sign-in sheet kept it)
CREATE TABLE "offline_study_attendees" (
	"study_id" bigint NOT NULL REFERENCES "offline_studies"("id") ON DELETE cascade,
	"member_id" bigint NOT NULL REFERENCES "members"("id"),
	"name" text NOT NULL,
	CONSTRAINT "offline_study_attendees_pk" PRIMARY KEY("study_id","member_id")
);
--> statement-breakpoint
CREATE INDEX "offline_study_attendees_member_idx" ON "offline_study_attendees" ("member_id");
--> statement-breakpoint
-- photos of the session (platform/files images: keys only here)
CREATE TABLE "offline_study_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"study_id" bigint NOT NULL REFERENCES "offline_studies"("id") ON DELETE cascade,
	"file_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "offline_study_photos_study_idx" ON "offline_study_photos" ("study_id", "id");
--> statement-breakpoint
-- the session's history as both sides read it: submitted, returned (with the reason), approved
CREATE TABLE "offline_study_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"study_id" bigint NOT NULL REFERENCES "offline_studies"("id") ON DELETE cascade,
	"action" text NOT NULL,
	"reason" text,
	"actor_id" bigint REFERENCES "users"("id"),
	"actor_name" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "offline_study_events_action_check" CHECK ("offline_study_events"."action" in ('submitted','returned','approved'))
);
--> statement-breakpoint
CREATE INDEX "offline_study_events_study_idx" ON "offline_study_events" ("study_id", "at");
--> statement-breakpoint

-- ─── stations/ ───
-- 远程教育站点: a room with a screen in a village or community, serving that org's members.
CREATE TABLE "stations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "stations_org_name_key" ON "stations" ("org_id", "name");
--> statement-breakpoint
CREATE INDEX "stations_org_path_idx" ON "stations" ("org_path");
--> statement-breakpoint
CREATE FUNCTION orgs_path_to_stations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stations SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_stations AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_stations();
--> statement-breakpoint
-- the station's managers and operators: accounts holding the station_manager role
CREATE TABLE "station_staff" (
	"station_id" bigint NOT NULL REFERENCES "stations"("id") ON DELETE cascade,
	"user_id" bigint NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"kind" text NOT NULL,
	CONSTRAINT "station_staff_pk" PRIMARY KEY("station_id","user_id"),
	CONSTRAINT "station_staff_kind_check" CHECK ("station_staff"."kind" in ('manager','operator'))
);
--> statement-breakpoint
CREATE INDEX "station_staff_user_idx" ON "station_staff" ("user_id");
--> statement-breakpoint
-- a group session at a station: what was played (a course of the library or a title), when, how long
CREATE TABLE "station_sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"station_id" bigint NOT NULL REFERENCES "stations"("id"),
	"course_id" bigint REFERENCES "courses"("id"),
	"title" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"attendee_count" integer NOT NULL,
	"photo_key" text,
	"photo_thumb_key" text,
	"recorded_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_sessions_minutes_check" CHECK ("station_sessions"."minutes" between 1 and 480),
	CONSTRAINT "station_sessions_photo_check" CHECK (("station_sessions"."photo_key" is null) = ("station_sessions"."photo_thumb_key" is null))
);
--> statement-breakpoint
-- a station's sessions in time order; a month of all stations (the monthly view) is one range
CREATE INDEX "station_sessions_station_idx" ON "station_sessions" ("station_id", "started_at");
--> statement-breakpoint
CREATE INDEX "station_sessions_started_idx" ON "station_sessions" ("started_at");
--> statement-breakpoint
CREATE TABLE "station_session_attendees" (
	"session_id" bigint NOT NULL REFERENCES "station_sessions"("id") ON DELETE cascade,
	"member_id" bigint NOT NULL REFERENCES "members"("id"),
	"name" text NOT NULL,
	CONSTRAINT "station_session_attendees_pk" PRIMARY KEY("session_id","member_id")
);
--> statement-breakpoint
CREATE INDEX "station_session_attendees_member_idx" ON "station_session_attendees" ("member_id");
