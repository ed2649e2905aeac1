-- Each member's arrears as of the last completed month, kept so that a district's arrears page reads
-- an index range instead of every payment of its members (docs/SCALE.md). The figures are those of
-- dues/arrears.ts, computed by the same SQL; a write that changes them marks the member dirty (the
-- triggers below) and the next read of a scope that holds the member computes them again; a month
-- turning over recomputes everyone (the members-arrears job). Only members who owe are kept, and
-- those without a standard (no_standard: counted apart, as a record-quality problem).
CREATE TABLE "dues_arrears" (
	"member_id" bigint PRIMARY KEY NOT NULL REFERENCES "members"("id") ON DELETE CASCADE,
	"org_path" text NOT NULL,
	"as_of" text NOT NULL,
	"months_owed" integer NOT NULL,
	"owed_fen" bigint NOT NULL,
	"since" integer,
	"longest" integer NOT NULL,
	"no_standard" boolean NOT NULL DEFAULT false
);
--> statement-breakpoint
CREATE INDEX "dues_arrears_scope_idx" ON "dues_arrears" USING btree ("as_of", "org_path" text_pattern_ops)
	INCLUDE ("months_owed", "owed_fen", "longest", "no_standard");
--> statement-breakpoint
-- which months are complete: every member computed as of that month
CREATE TABLE "dues_arrears_months" (
	"month" text PRIMARY KEY NOT NULL,
	"started_at" timestamptz NOT NULL,
	"completed_at" timestamptz NOT NULL
);
--> statement-breakpoint
CREATE SEQUENCE "dues_arrears_dirty_seq";
--> statement-breakpoint
CREATE TABLE "dues_arrears_dirty" (
	"member_id" bigint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"marked_at" timestamptz NOT NULL DEFAULT clock_timestamp()
);
--> statement-breakpoint
CREATE FUNCTION dues_arrears_mark(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO dues_arrears_dirty (member_id, seq, marked_at)
  SELECT id, nextval('dues_arrears_dirty_seq'), clock_timestamp() FROM (SELECT DISTINCT unnest(ids) AS id) x
   WHERE id IS NOT NULL
  ON CONFLICT (member_id) DO UPDATE SET seq = excluded.seq, marked_at = excluded.marked_at
$$;
--> statement-breakpoint
-- statement triggers with transition tables: an import of 50,000 rows marks them in one statement
CREATE FUNCTION dues_arrears_mark_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dues_arrears_mark(array(SELECT member_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION dues_arrears_mark_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dues_arrears_mark(array(SELECT member_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION dues_arrears_mark_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dues_arrears_mark(array(SELECT member_id FROM new_rows UNION SELECT member_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dues_payments_arrears_ins AFTER INSERT ON dues_payments REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dues_arrears_mark_new();
--> statement-breakpoint
CREATE TRIGGER dues_payments_arrears_upd AFTER UPDATE ON dues_payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dues_arrears_mark_both();
--> statement-breakpoint
CREATE TRIGGER dues_payments_arrears_del AFTER DELETE ON dues_payments REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dues_arrears_mark_old();
--> statement-breakpoint
CREATE TRIGGER dues_standards_arrears_ins AFTER INSERT ON dues_standards REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dues_arrears_mark_new();
--> statement-breakpoint
CREATE TRIGGER dues_standards_arrears_upd AFTER UPDATE ON dues_standards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dues_arrears_mark_both();
--> statement-breakpoint
CREATE TRIGGER dues_standards_arrears_del AFTER DELETE ON dues_standards REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dues_arrears_mark_old();
--> statement-breakpoint
CREATE TRIGGER dues_reliefs_arrears_ins AFTER INSERT ON dues_reliefs REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dues_arrears_mark_new();
--> statement-breakpoint
CREATE TRIGGER dues_reliefs_arrears_upd AFTER UPDATE ON dues_reliefs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dues_arrears_mark_both();
--> statement-breakpoint
CREATE TRIGGER dues_reliefs_arrears_del AFTER DELETE ON dues_reliefs REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dues_arrears_mark_old();
--> statement-breakpoint
CREATE FUNCTION dues_arrears_mark_members_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dues_arrears_mark(array(SELECT id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- a record's change matters to its arrears only through these columns (dues/arrears.ts reads them)
CREATE FUNCTION dues_arrears_mark_members_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dues_arrears_mark(array(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE (n.org_path, n.status, n.party_standing, n.left_at, n.dues_standard_fen, n.dues_from_month, n.joined_on, n.created_at)
           IS DISTINCT FROM
           (o.org_path, o.status, o.party_standing, o.left_at, o.dues_standard_fen, o.dues_from_month, o.joined_on, o.created_at)));
  RETURN NULL;
END $$
-- transition tables carry no statistics: the planner would join a whole-table update's old and new
-- rows in a nested loop (n² comparisons); a hash join is what they need
SET enable_nestloop TO off;
--> statement-breakpoint
CREATE TRIGGER members_arrears_ins AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dues_arrears_mark_members_new();
--> statement-breakpoint
CREATE TRIGGER members_arrears_upd AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dues_arrears_mark_members_changed();
--> statement-breakpoint
-- the recruitment due list reads the people on the way in of a district: an index range of them
-- alone, not every member of the district filtered (the index on org_id serves one branch only)
CREATE INDEX "members_pipeline_path_idx" ON "members" USING btree ("org_path" text_pattern_ops)
	WHERE "status" <> 'full' AND "left_at" IS NULL;
