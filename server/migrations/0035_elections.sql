-- 0035_elections: 选举 (election), 民主评议党员 (appraisal) and 民主推荐 (cadre_recommendation) on one
-- secret-ballot engine. The roll says who voted; the ballots say nothing of who cast them.
CREATE TABLE "elections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"post" text,
	"seats" integer NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"previous_id" bigint REFERENCES "elections"("id"),
	"state" text DEFAULT 'draft' NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"entitled" integer,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"chain_head" text,
	"result" jsonb,
	"result_approved_by" text,
	"result_approved_at" timestamp with time zone,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "elections_kind_check" CHECK ("elections"."kind" in ('election','appraisal','cadre_recommendation')),
	CONSTRAINT "elections_state_check" CHECK ("elections"."state" in ('draft','submitted','approved','open','closed')),
	CONSTRAINT "elections_title_check" CHECK (length("elections"."title") between 1 and 100),
	CONSTRAINT "elections_seats_check" CHECK ("elections"."seats" between 1 and 50)
);
--> statement-breakpoint
CREATE INDEX "elections_org_path_idx" ON "elections" ("org_path" text_pattern_ops);
--> statement-breakpoint
-- 候选人预备人选 (or, for an appraisal, the members rated), in ballot order
CREATE TABLE "election_candidates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"election_id" bigint NOT NULL REFERENCES "elections"("id") ON DELETE cascade,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"member_id" bigint,
	"office" text DEFAULT 'member' NOT NULL,
	CONSTRAINT "election_candidates_name_check" CHECK (length("election_candidates"."name") between 1 and 20),
	CONSTRAINT "election_candidates_office_check" CHECK ("election_candidates"."office" in ('member','secretary','deputy'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "election_candidates_position_idx" ON "election_candidates" ("election_id", "position");
--> statement-breakpoint
-- the roll, frozen at opening: who may vote and whether they did (never when, never what)
CREATE TABLE "election_roll" (
	"election_id" bigint NOT NULL REFERENCES "elections"("id") ON DELETE cascade,
	"member_id" bigint NOT NULL,
	"user_id" bigint,
	"name" text NOT NULL,
	"voted" text,
	CONSTRAINT "election_roll_pk" PRIMARY KEY ("election_id", "member_id"),
	CONSTRAINT "election_roll_voted_check" CHECK ("election_roll"."voted" in ('online','paper'))
);
--> statement-breakpoint
CREATE INDEX "election_roll_user_idx" ON "election_roll" ("user_id");
--> statement-breakpoint
-- the ballots: no voter, no session, no time finer than the day
CREATE TABLE "election_ballots" (
	"election_id" bigint NOT NULL REFERENCES "elections"("id") ON DELETE cascade,
	"tracking_code" text NOT NULL,
	"choices" jsonb NOT NULL,
	"valid" boolean NOT NULL,
	"cast_on" date NOT NULL,
	"position" integer,
	"hash" text,
	CONSTRAINT "election_ballots_pk" PRIMARY KEY ("election_id", "tracking_code")
);
--> statement-breakpoint
-- a paper ballot as one teller (计票人) read it: it becomes a ballot when a second teller's entry agrees
CREATE TABLE "election_paper_entries" (
	"election_id" bigint NOT NULL REFERENCES "elections"("id") ON DELETE cascade,
	"paper_no" text NOT NULL,
	"teller_id" bigint NOT NULL REFERENCES "users"("id"),
	"choices" jsonb NOT NULL,
	"counted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "election_paper_entries_pk" PRIMARY KEY ("election_id", "paper_no", "teller_id")
);
