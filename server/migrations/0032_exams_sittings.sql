-- 0032_exams_sittings: 试卷, 考试, 答卷, 阅卷, 练习 (papers/, sittings/, grading/, practice/)
-- A paper: fixed questions, or rules drawing at random per examinee; points per question type.
CREATE TABLE "papers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"points" jsonb NOT NULL,
	"shuffle_options" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "papers_title_check" CHECK (length("papers"."title") between 1 and 100),
	CONSTRAINT "papers_kind_check" CHECK ("papers"."kind" in ('fixed','random')),
	CONSTRAINT "papers_status_check" CHECK ("papers"."status" in ('active','archived'))
);
--> statement-breakpoint
CREATE INDEX "papers_org_path_idx" ON "papers" ("org_path" text_pattern_ops);
--> statement-breakpoint
-- a fixed paper's questions, in order
CREATE TABLE "paper_questions" (
	"paper_id" bigint NOT NULL REFERENCES "papers"("id") ON DELETE cascade,
	"position" integer NOT NULL,
	"question_id" bigint NOT NULL REFERENCES "questions"("id"),
	CONSTRAINT "paper_questions_pk" PRIMARY KEY ("paper_id", "position")
);
--> statement-breakpoint
-- a random paper's rules: draw `count` active questions of a category (and below), a type, a difficulty
CREATE TABLE "paper_rules" (
	"paper_id" bigint NOT NULL REFERENCES "papers"("id") ON DELETE cascade,
	"position" integer NOT NULL,
	"category_id" bigint NOT NULL REFERENCES "question_categories"("id"),
	"include_subcategories" boolean DEFAULT true NOT NULL,
	"type" text,
	"difficulty" text,
	"count" integer NOT NULL,
	CONSTRAINT "paper_rules_pk" PRIMARY KEY ("paper_id", "position"),
	CONSTRAINT "paper_rules_count_check" CHECK ("paper_rules"."count" between 1 and 200)
);
--> statement-breakpoint
-- an exam: a paper sat between two times by the candidates (resolved when it is published)
CREATE TABLE "exams" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"paper_id" bigint NOT NULL REFERENCES "papers"("id"),
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"attempts_allowed" integer DEFAULT 1 NOT NULL,
	"total_points" double precision NOT NULL,
	"pass_score" double precision NOT NULL,
	"audience_kind" text NOT NULL,
	"audience_org_id" bigint REFERENCES "orgs"("id"),
	"audience_class_id" bigint,
	"candidate_count" integer DEFAULT 0 NOT NULL,
	-- what each attempt draws from exam_questions (schema.ts ExamDraw): fixed ids, or per rule a count of ids
	"draw" jsonb NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exams_title_check" CHECK (length("exams"."title") between 1 and 100),
	CONSTRAINT "exams_times_check" CHECK ("exams"."opens_at" < "exams"."closes_at"),
	CONSTRAINT "exams_duration_check" CHECK ("exams"."duration_minutes" between 1 and 600),
	CONSTRAINT "exams_attempts_check" CHECK ("exams"."attempts_allowed" between 1 and 10),
	CONSTRAINT "exams_pass_check" CHECK ("exams"."pass_score" >= 0 and "exams"."pass_score" <= "exams"."total_points"),
	CONSTRAINT "exams_audience_check" CHECK ("exams"."audience_kind" in ('org','class','members')),
	CONSTRAINT "exams_status_check" CHECK ("exams"."status" in ('published','cancelled'))
);
--> statement-breakpoint
CREATE INDEX "exams_org_path_idx" ON "exams" ("org_path" text_pattern_ops);
--> statement-breakpoint
-- the questions an exam may show, as they were when it was published (a later edit of the bank
-- does not change an exam in progress, nor its grading)
CREATE TABLE "exam_questions" (
	"exam_id" bigint NOT NULL REFERENCES "exams"("id") ON DELETE cascade,
	"question_id" bigint NOT NULL REFERENCES "questions"("id"),
	"category_id" bigint NOT NULL,
	"type" text NOT NULL,
	"difficulty" text NOT NULL,
	"body" jsonb NOT NULL,
	"points" double precision NOT NULL,
	CONSTRAINT "exam_questions_pk" PRIMARY KEY ("exam_id", "question_id")
);
--> statement-breakpoint
-- who may sit an exam
CREATE TABLE "exam_candidates" (
	"exam_id" bigint NOT NULL REFERENCES "exams"("id") ON DELETE cascade,
	"member_id" bigint NOT NULL REFERENCES "members"("id"),
	"org_id" bigint NOT NULL,
	"org_path" text COLLATE "C" NOT NULL,
	CONSTRAINT "exam_candidates_pk" PRIMARY KEY ("exam_id", "member_id")
);
--> statement-breakpoint
CREATE INDEX "exam_candidates_member_idx" ON "exam_candidates" ("member_id");
--> statement-breakpoint
-- an examinee's attempt: the paper drawn for it (seed and slots), the server's clock (due_at)
CREATE TABLE "exam_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"exam_id" bigint NOT NULL REFERENCES "exams"("id"),
	"member_id" bigint NOT NULL REFERENCES "members"("id"),
	"org_id" bigint NOT NULL,
	"org_path" text COLLATE "C" NOT NULL,
	"attempt_no" integer NOT NULL,
	"seed" bigint NOT NULL,
	"slots" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" text,
	"status" text DEFAULT 'open' NOT NULL,
	"score" double precision,
	"pending" integer DEFAULT 0 NOT NULL,
	"passed" boolean,
	CONSTRAINT "exam_attempts_status_check" CHECK ("exam_attempts"."status" in ('open','submitted','graded')),
	CONSTRAINT "exam_attempts_submitted_by_check" CHECK ("exam_attempts"."submitted_by" in ('member','clock'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "exam_attempts_no_idx" ON "exam_attempts" ("exam_id", "member_id", "attempt_no");
--> statement-breakpoint
-- the attempts the clock must submit
CREATE INDEX "exam_attempts_due_idx" ON "exam_attempts" ("due_at") WHERE "status" = 'open';
--> statement-breakpoint
CREATE INDEX "exam_attempts_member_idx" ON "exam_attempts" ("member_id");
--> statement-breakpoint
-- an answer, saved as given (one row per attempt and slot), and its grade
CREATE TABLE "exam_answers" (
	"attempt_id" bigint NOT NULL REFERENCES "exam_attempts"("id") ON DELETE cascade,
	"slot" integer NOT NULL,
	"answer" jsonb NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	"auto_score" double precision,
	"manual_score" double precision,
	"grader_id" bigint REFERENCES "users"("id"),
	"graded_at" timestamp with time zone,
	"comment" text,
	CONSTRAINT "exam_answers_pk" PRIMARY KEY ("attempt_id", "slot")
);
--> statement-breakpoint
-- a member's practice of a question, and their book of wrong answers (in_book)
CREATE TABLE "practice_records" (
	"member_id" bigint NOT NULL REFERENCES "members"("id"),
	"question_id" bigint NOT NULL REFERENCES "questions"("id"),
	"answered" integer DEFAULT 0 NOT NULL,
	"correct" integer DEFAULT 0 NOT NULL,
	"in_book" boolean DEFAULT false NOT NULL,
	"last_answer" jsonb,
	"last_source" text DEFAULT 'practice' NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_records_pk" PRIMARY KEY ("member_id", "question_id"),
	CONSTRAINT "practice_records_source_check" CHECK ("practice_records"."last_source" in ('practice','exam'))
);
--> statement-breakpoint
CREATE INDEX "practice_records_book_idx" ON "practice_records" ("member_id", "last_at") WHERE "in_book";
