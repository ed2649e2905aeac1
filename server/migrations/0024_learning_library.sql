-- 0024_learning_library: 课件库 (library/): courses, categories, tags, files, Chinese search keys
-- Sections in the order of server/src/modules/learning/schema.ts.

-- ─── library/ ───
CREATE TABLE "course_categories" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"parent_id" bigint REFERENCES "course_categories"("id"),
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- no two categories of one name under the same heading
CREATE UNIQUE INDEX "course_categories_name_key" ON "course_categories" (coalesce("parent_id", 0), "name");
--> statement-breakpoint
CREATE TABLE "course_tags" (
	"name" text PRIMARY KEY NOT NULL,
	"expansions" text[] DEFAULT '{}' NOT NULL,
	"updated_by" bigint REFERENCES "users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_files" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"file_key" text NOT NULL,
	"name" text NOT NULL,
	"format" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"duration_seconds" integer,
	"uploaded_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_files_format_check" CHECK ("course_files"."format" in ('mp4','m4a','mp3','pdf'))
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"scope_org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"scope_path" text COLLATE "C" NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text,
	"file_id" bigint REFERENCES "course_files"("id"),
	"duration_seconds" integer,
	"char_count" integer,
	"category_id" bigint REFERENCES "course_categories"("id"),
	"tags" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"search" tsvector DEFAULT ''::tsvector NOT NULL,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_kind_check" CHECK ("courses"."kind" in ('video','audio','article','document')),
	CONSTRAINT "courses_status_check" CHECK ("courses"."status" in ('draft','published','withdrawn'))
);
--> statement-breakpoint
-- the courses an admin's subtree published, newest first (the C collation lets LIKE 'prefix%' use it)
CREATE INDEX "courses_org_path_idx" ON "courses" ("org_path", "created_at");
--> statement-breakpoint
-- what a member may study: scope_path is one of the member's org path's prefixes
CREATE INDEX "courses_scope_idx" ON "courses" ("scope_path", "published_at") WHERE "courses"."status" = 'published';
--> statement-breakpoint
-- Chinese full-text search (platform/search): title and tags, summary, body
CREATE INDEX "courses_search_idx" ON "courses" USING gin ("search");
--> statement-breakpoint
-- the courses of a tag, to index them again when the tag's expansions change
CREATE INDEX "courses_tags_idx" ON "courses" USING gin ("tags");
--> statement-breakpoint
CREATE INDEX "courses_category_idx" ON "courses" ("category_id");
--> statement-breakpoint
-- both paths follow their org when it is moved, as activities' do (0017)
CREATE FUNCTION orgs_path_to_courses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE courses SET org_path = NEW.path WHERE org_id = NEW.id;
  UPDATE courses SET scope_path = NEW.path WHERE scope_org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_courses AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_courses();
