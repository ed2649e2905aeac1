-- 0029_learning_recommend: recommendations: course neighbours and dismissals (recommend/)
-- Sections in the order of server/src/modules/learning/schema.ts.

-- ─── recommend/ ───
-- 为你推荐: each course's nearest courses by who finished both (cosine over finished members),
-- top 30 per course, recomputed nightly by the job learning-recommend-refresh (recommend/refresh.ts).
CREATE TABLE "course_neighbours" (
	"course_id" bigint NOT NULL,
	"neighbour_id" bigint NOT NULL,
	"similarity" double precision NOT NULL,
	"co_finishers" integer NOT NULL,
	CONSTRAINT "course_neighbours_pk" PRIMARY KEY("course_id","neighbour_id")
);
--> statement-breakpoint
-- what members of an org finished most (top 30 per org, its own members only), and org 0 for
-- everyone (top 200): the fallback for a member with no history, then their parent's subtree
CREATE TABLE "course_popular" (
	"org_id" bigint NOT NULL,
	"org_path" text COLLATE "C" NOT NULL,
	"course_id" bigint NOT NULL,
	"finishers" integer NOT NULL,
	CONSTRAINT "course_popular_pk" PRIMARY KEY("org_id","course_id")
);
--> statement-breakpoint
-- a subtree's lists (the C collation lets LIKE 'prefix%' use it)
CREATE INDEX "course_popular_org_path_idx" ON "course_popular" ("org_path" text_pattern_ops);
--> statement-breakpoint
-- 不感兴趣: a member's dismissed recommendations, never offered again
CREATE TABLE "course_dismissals" (
	"member_id" bigint NOT NULL,
	"course_id" bigint NOT NULL REFERENCES "courses"("id") ON DELETE cascade,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_dismissals_pk" PRIMARY KEY("member_id","course_id")
);
--> statement-breakpoint
-- a member's most recent finished courses (the history recommendations read, newest first)
CREATE INDEX "course_progress_finished_idx" ON "course_progress" ("member_id", "finished_at" DESC) WHERE "finished_at" IS NOT NULL;
