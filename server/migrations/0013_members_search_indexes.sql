-- The search keys are derived from the name and the phone, so writing them (the backfill of
-- records from before they were kept) is not an edit: the version leaves them out, as it leaves
-- out the ciphertexts.
CREATE OR REPLACE FUNCTION members_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kept CONSTANT text[] := array['version', 'pipeline_gaps', 'pipeline_earliest_on', 'pipeline_due_on',
    'pipeline_rules', 'user_id', 'study_card_no', 'updated_at', 'record_updated_at', 'created_at', 'org_path',
    'id_number_enc', 'phone_enc', 'home_address_enc', 'name_initials', 'phone_tail_index', 'search_grams'];
BEGIN
  IF (to_jsonb(OLD) - kept) IS DISTINCT FROM (to_jsonb(NEW) - kept)
     OR (OLD.home_address_enc IS NULL) <> (NEW.home_address_enc IS NULL) THEN
    NEW.version := OLD.version + 1;
  END IF;
  IF (OLD.status, OLD.party_standing, OLD.birth_date, OLD.applied_on, OLD.talked_on, OLD.activist_on,
      OLD.candidate_on, OLD.political_review_on, OLD.training_on, OLD.admission_resolution_on,
      OLD.admission_approved_on, OLD.joined_on, OLD.conversion_resolution_on, OLD.conversion_approved_on,
      OLD.full_on, OLD.recommended_on, OLD.activist_filed_on, OLD.candidate_filed_on, OLD.training_hours,
      OLD.pre_review_on, OLD.application_form_on, OLD.committee_talk_on, OLD.oath_on,
      OLD.conversion_request_on, OLD.cultivation_contact_ids, OLD.sponsor_ids,
      OLD.probation_extension_months, OLD.probation_extension_resolution_on,
      OLD.probation_extension_approved_on)
     IS DISTINCT FROM
     (NEW.status, NEW.party_standing, NEW.birth_date, NEW.applied_on, NEW.talked_on, NEW.activist_on,
      NEW.candidate_on, NEW.political_review_on, NEW.training_on, NEW.admission_resolution_on,
      NEW.admission_approved_on, NEW.joined_on, NEW.conversion_resolution_on, NEW.conversion_approved_on,
      NEW.full_on, NEW.recommended_on, NEW.activist_filed_on, NEW.candidate_filed_on, NEW.training_hours,
      NEW.pre_review_on, NEW.application_form_on, NEW.committee_talk_on, NEW.oath_on,
      NEW.conversion_request_on, NEW.cultivation_contact_ids, NEW.sponsor_ids,
      NEW.probation_extension_months, NEW.probation_extension_resolution_on,
      NEW.probation_extension_approved_on) THEN
    NEW.pipeline_rules := NULL;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- "尾号 5678": an exact look-up of the tail's blind index, anywhere in a city.
CREATE INDEX members_phone_tail_idx ON members (phone_tail_index) WHERE phone_tail_index IS NOT NULL;
--> statement-breakpoint
-- Any part of a name, or of its pinyin initials, across a city. pg_trgm sees no words in Chinese
-- under the C locale (and names are two or three characters), so the record keeps its own grams:
-- every character and every pair of neighbours of the name and of each reading of its initials.
-- A search's grams (the character itself, or its pairs) must all be there: a GIN look-up, then
-- the LIKE of the search itself checks the order.
CREATE FUNCTION hy_grams(s text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(w, i, 1) AS g
      FROM regexp_split_to_table(lower(coalesce(s, '')), '\s+') w, generate_series(1, length(w)) i
    UNION
    SELECT substr(w, i, 2)
      FROM regexp_split_to_table(lower(coalesce(s, '')), '\s+') w, generate_series(1, length(w) - 1) i
  ) x WHERE g <> ''
$$;
--> statement-breakpoint
CREATE FUNCTION hy_query_grams(s text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(lower(s)) = 1 THEN array[lower(s)]
    ELSE (SELECT coalesce(array_agg(DISTINCT substr(lower(s), i, 2)), '{}')
            FROM generate_series(1, length(s) - 1) i) END
$$;
--> statement-breakpoint
ALTER TABLE members ADD COLUMN search_grams text[]
  GENERATED ALWAYS AS (hy_grams(name || ' ' || coalesce(name_initials, ''))) STORED;
--> statement-breakpoint
CREATE INDEX members_search_grams_idx ON members USING gin (search_grams);
--> statement-breakpoint
-- Arrears read every payment of a scope's members with its amount (underpaid months stay owing):
-- an index-only scan instead of a visit to each payment row.
CREATE INDEX dues_payments_amount_idx ON dues_payments (member_id, month) INCLUDE (amount_fen);
