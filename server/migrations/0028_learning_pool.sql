-- 0028_learning_pool: 师资库 and 教育基地 (pool/)
-- Who sees a record: admins whose scope covers the org that keeps it, and, when the keeper marks
-- it shared, every admin below that org (the district's 宣讲团 offered to its towns).

-- ─── pool/ ───
-- 师资库: a teacher (宣讲员, 党校教师) the org keeps; the phone is personal data (platform/pii)
CREATE TABLE "teachers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"topics" text[] DEFAULT '{}' NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"phone_enc" text,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "teachers_org_path_idx" ON "teachers" ("org_path");
--> statement-breakpoint
-- 授课记录: a lecture a teacher gave for an org, on a day, with its attendees
CREATE TABLE "lectures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"teacher_id" bigint NOT NULL REFERENCES "teachers"("id"),
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"lectured_on" date NOT NULL,
	"topic" text NOT NULL,
	"attendee_count" integer DEFAULT 0 NOT NULL,
	"recorded_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "lectures_teacher_idx" ON "lectures" ("teacher_id", "lectured_on");
--> statement-breakpoint
CREATE INDEX "lectures_org_path_idx" ON "lectures" ("org_path");
--> statement-breakpoint
CREATE TABLE "lecture_attendees" (
	"lecture_id" bigint NOT NULL REFERENCES "lectures"("id") ON DELETE cascade,
	"member_id" bigint NOT NULL REFERENCES "members"("id"),
	"name" text NOT NULL,
	CONSTRAINT "lecture_attendees_pk" PRIMARY KEY("lecture_id","member_id")
);
--> statement-breakpoint
-- a member's lectures of the last 30 days, for the rating page
CREATE INDEX "lecture_attendees_member_idx" ON "lecture_attendees" ("member_id");
--> statement-breakpoint
-- one rating per attendee per lecture (the key refuses a second one), only by an attendee (the reference)
CREATE TABLE "lecture_ratings" (
	"lecture_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"stars" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lecture_ratings_pk" PRIMARY KEY("lecture_id","member_id"),
	CONSTRAINT "lecture_ratings_attendee_fk" FOREIGN KEY ("lecture_id","member_id") REFERENCES "lecture_attendees"("lecture_id","member_id") ON DELETE cascade,
	CONSTRAINT "lecture_ratings_stars_check" CHECK ("lecture_ratings"."stars" between 1 and 5),
	CONSTRAINT "lecture_ratings_comment_check" CHECK (char_length("lecture_ratings"."comment") <= 200)
);
--> statement-breakpoint
-- 教育基地: a place for training (a memorial hall, a model village); the contact's phone is personal data
CREATE TABLE "training_bases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"capacity" integer DEFAULT 0 NOT NULL,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone_enc" text,
	"intro" text DEFAULT '' NOT NULL,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_bases_capacity_check" CHECK ("training_bases"."capacity" between 0 and 100000)
);
--> statement-breakpoint
CREATE INDEX "training_bases_org_path_idx" ON "training_bases" ("org_path");
--> statement-breakpoint
-- photos of a base (platform/files images: keys only here)
CREATE TABLE "training_base_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"base_id" bigint NOT NULL REFERENCES "training_bases"("id") ON DELETE cascade,
	"file_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "training_base_photos_base_idx" ON "training_base_photos" ("base_id", "id");
--> statement-breakpoint
-- the paths follow the org when it is moved, as offline studies' do (0026)
CREATE FUNCTION orgs_path_to_pool() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE teachers SET org_path = NEW.path WHERE org_id = NEW.id;
  UPDATE lectures SET org_path = NEW.path WHERE org_id = NEW.id;
  UPDATE training_bases SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_pool AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_pool();
