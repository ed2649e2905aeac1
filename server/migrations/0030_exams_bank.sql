-- 0030_exams_bank: 题库: categories, questions, imports (bank/)
-- A tree of categories per org (an org's bank); a question is filed in one and kept by its org.
CREATE TABLE "question_categories" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"parent_id" bigint REFERENCES "question_categories"("id"),
	"name" text NOT NULL,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "question_categories_name_check" CHECK (length("question_categories"."name") between 1 and 100)
);
--> statement-breakpoint
-- one name among siblings (the tops of an org's tree are siblings too)
CREATE UNIQUE INDEX "question_categories_name_idx" ON "question_categories" ("org_id", coalesce("parent_id", 0), "name");
--> statement-breakpoint
-- a subtree's banks (the C collation lets LIKE 'prefix%' use it)
CREATE INDEX "question_categories_org_path_idx" ON "question_categories" ("org_path" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "question_categories_parent_idx" ON "question_categories" ("parent_id");
--> statement-breakpoint
-- a question as the bank keeps it: the body is contracts/exams/questions.ts QuestionBody; type,
-- name, difficulty and tags are copied out of it for the list's filters
CREATE TABLE "questions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"category_id" bigint NOT NULL REFERENCES "question_categories"("id"),
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"body" jsonb NOT NULL,
	"difficulty" text DEFAULT 'medium' NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questions_type_check" CHECK ("questions"."type" in ('single','multiple','truefalse','fill','numeric','short')),
	CONSTRAINT "questions_difficulty_check" CHECK ("questions"."difficulty" in ('easy','medium','hard')),
	CONSTRAINT "questions_status_check" CHECK ("questions"."status" in ('active','archived'))
);
--> statement-breakpoint
CREATE INDEX "questions_category_idx" ON "questions" ("category_id", "status", "id");
--> statement-breakpoint
CREATE INDEX "questions_org_path_idx" ON "questions" ("org_path" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "questions_tags_idx" ON "questions" USING gin ("tags");
--> statement-breakpoint
-- pictures shown in a question's stem (html), stored through platform/files/images.ts
CREATE TABLE "question_images" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"file_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "question_images_org_path_idx" ON "question_images" ("org_path" text_pattern_ops);
--> statement-breakpoint
CREATE FUNCTION orgs_path_to_question_bank() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE question_categories SET org_path = NEW.path WHERE org_id = NEW.id;
  UPDATE questions SET org_path = NEW.path WHERE org_id = NEW.id;
  UPDATE question_images SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_question_bank AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_question_bank();
