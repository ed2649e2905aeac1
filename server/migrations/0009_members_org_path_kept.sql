-- Each member row carries its org's path, so a subtree's members are one index range in tree
-- order (a list page reads twenty index entries and stops, where it used to read and sort a whole
-- town's records). The database keeps it: set from org_id on every write, and followed when an org
-- is moved (orgs.path changes for the whole subtree in one statement). The C collation makes
-- LIKE 'prefix%' and ORDER BY use the same plain btree index.
ALTER TABLE members ALTER COLUMN org_path TYPE text COLLATE "C";
--> statement-breakpoint
UPDATE members m SET org_path = o.path FROM orgs o WHERE o.id = m.org_id;
--> statement-breakpoint
ALTER TABLE members ALTER COLUMN org_path SET NOT NULL;
--> statement-breakpoint
CREATE FUNCTION members_take_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.org_path := (SELECT path FROM orgs WHERE id = NEW.org_id);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER members_org_path BEFORE INSERT OR UPDATE OF org_id ON members
  FOR EACH ROW EXECUTE FUNCTION members_take_org_path();
--> statement-breakpoint
CREATE FUNCTION orgs_path_to_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE members SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_members AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_members();
--> statement-breakpoint
CREATE INDEX members_active_path_idx ON members (org_path, id) INCLUDE (status) WHERE left_at IS NULL;
