-- 0025_learning_study: 学时 (study/): credited study per member, item and day; year totals; active devices
-- Sections in the order of server/src/modules/learning/schema.ts.

-- ─── study/ ───
-- Credited online study, one row per member, course and day (Beijing), added to by every credited
-- heartbeat: never a row per heartbeat, so a city's year stays a few million rows. No foreign keys:
-- members belong to another module, and a published course is withdrawn, never deleted.
CREATE TABLE "study_credits" (
	"member_id" bigint NOT NULL,
	"course_id" bigint NOT NULL,
	"day" date NOT NULL,
	"seconds" integer NOT NULL,
	CONSTRAINT "study_credits_pk" PRIMARY KEY("member_id","course_id","day"),
	CONSTRAINT "study_credits_seconds_check" CHECK ("study_credits"."seconds" >= 0)
);
--> statement-breakpoint
-- How far a member is through a course, all days and sources together; finished once most of it
-- was studied (study/rules.ts finishedAfter). Classes and recommendations read it.
CREATE TABLE "course_progress" (
	"member_id" bigint NOT NULL,
	"course_id" bigint NOT NULL,
	"seconds" integer NOT NULL,
	"first_studied_at" timestamp with time zone NOT NULL,
	"last_studied_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "course_progress_pk" PRIMARY KEY("member_id","course_id"),
	CONSTRAINT "course_progress_seconds_check" CHECK ("course_progress"."seconds" >= 0)
);
--> statement-breakpoint
-- The member's study session: the one active device, its last beat (number and server time), the
-- day's online seconds (the daily cap) and the answer to the last beat (a beat sent again gets it).
-- `version` is bumped by every write: a beat's decision is written only if nothing changed since
-- it was read (two beats of one member at once: the second is decided again).
CREATE TABLE "study_devices" (
	"member_id" bigint PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"course_id" bigint,
	"last_seq" bigint NOT NULL,
	"last_beat_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"day_seconds" integer NOT NULL,
	"held_seconds" integer DEFAULT 0 NOT NULL,
	"last_answer" jsonb NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
-- Each member's year (Beijing calendar year of the day studied), by source: what the requirement's
-- progress reads. Written with the credits, in the same statement or transaction.
CREATE TABLE "study_years" (
	"member_id" bigint NOT NULL,
	"year" smallint NOT NULL,
	"online_seconds" integer DEFAULT 0 NOT NULL,
	"offline_seconds" integer DEFAULT 0 NOT NULL,
	"station_seconds" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "study_years_pk" PRIMARY KEY("member_id","year"),
	CONSTRAINT "study_years_seconds_check" CHECK ("study_years"."online_seconds" >= 0 and "study_years"."offline_seconds" >= 0 and "study_years"."station_seconds" >= 0)
);
--> statement-breakpoint
-- ─── requirements/ ───
-- The yearly requirement's figures per org (its own members, not its subtree's), counted from
-- study_years and the members held to the requirement by a job every ten minutes: an org subtree's
-- summary sums one index range of these (a city: 10,000 orgs with members) instead of 680,000
-- members (measured on a busy 2-core box: 620–800 ms over a city's members, 6 ms over its orgs and
-- 15 ms for its ten districts side by side; requirements/summary.ts).
CREATE TABLE "study_org_years" (
	"year" smallint NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id") ON DELETE cascade,
	"org_path" text COLLATE "C" NOT NULL,
	"members" integer NOT NULL,
	"leaders" integer NOT NULL,
	"met" integer NOT NULL,
	"progress_sum" double precision NOT NULL,
	"seconds" bigint NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "study_org_years_pk" PRIMARY KEY("year","org_id")
);
--> statement-breakpoint
-- a subtree's orgs in a year are one range (the C collation lets LIKE 'prefix%' use it)
CREATE INDEX "study_org_years_path_idx" ON "study_org_years" ("year", "org_path") INCLUDE ("members", "met", "progress_sum", "seconds");
