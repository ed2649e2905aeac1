-- 0027_learning_classes: 网上班级 (classes/)
-- An online class: the org that runs it, a cohort (an org's subtree or members picked one by one,
-- resolved to a member list when the class is saved), a plan of courses from the library, a start
-- and a deadline. Progress is read from course_progress (study/) at the time of asking.
CREATE TABLE "online_classes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cohort_kind" text NOT NULL,
	"cohort_org_id" bigint REFERENCES "orgs"("id"),
	"member_count" integer DEFAULT 0 NOT NULL,
	"starts_on" date NOT NULL,
	"deadline" date NOT NULL,
	"last_reminded_at" timestamp with time zone,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "online_classes_cohort_check" CHECK ("online_classes"."cohort_kind" in ('org','members') and ("online_classes"."cohort_kind" = 'members' or "online_classes"."cohort_org_id" is not null)),
	CONSTRAINT "online_classes_dates_check" CHECK ("online_classes"."deadline" > "online_classes"."starts_on")
);
--> statement-breakpoint
-- a subtree's classes (the C collation lets LIKE 'prefix%' use it)
CREATE INDEX "online_classes_org_path_idx" ON "online_classes" ("org_path" text_pattern_ops);
--> statement-breakpoint
CREATE FUNCTION orgs_path_to_online_classes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE online_classes SET org_path = NEW.path WHERE org_id = NEW.id;
  UPDATE online_class_members SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- the plan: courses of the library in the order they are to be studied
CREATE TABLE "online_class_courses" (
	"class_id" bigint NOT NULL REFERENCES "online_classes"("id") ON DELETE cascade,
	"course_id" bigint NOT NULL REFERENCES "courses"("id"),
	"position" integer NOT NULL,
	CONSTRAINT "online_class_courses_pk" PRIMARY KEY("class_id","course_id")
);
--> statement-breakpoint
-- the cohort as resolved when the class was saved, with each member's org and name then
CREATE TABLE "online_class_members" (
	"class_id" bigint NOT NULL REFERENCES "online_classes"("id") ON DELETE cascade,
	"member_id" bigint NOT NULL REFERENCES "members"("id"),
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "online_class_members_pk" PRIMARY KEY("class_id","member_id")
);
--> statement-breakpoint
-- the progress table's order: by org, then by name
CREATE INDEX "online_class_members_order_idx" ON "online_class_members" ("class_id", "org_path", "name");
--> statement-breakpoint
-- a member's classes (the member app)
CREATE INDEX "online_class_members_member_idx" ON "online_class_members" ("member_id");
--> statement-breakpoint
CREATE TRIGGER orgs_path_online_classes AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_online_classes();
