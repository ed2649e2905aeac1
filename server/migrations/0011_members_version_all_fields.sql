-- The version now moves on a change to any of the record's own fields, named by what is left out
-- rather than listed: the national field set grew (standing, lost contact, the recruitment file,
-- dues basis, post, address…) and will grow again, and a listed trigger silently misses the new
-- ones. Left out: the bookkeeping columns, and the ciphertexts (re-encryption is not an edit; the
-- blind indexes stand for the ID number and the phone, the address has its own comparison below).
CREATE OR REPLACE FUNCTION members_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kept CONSTANT text[] := array['version', 'pipeline_gaps', 'pipeline_earliest_on', 'pipeline_due_on',
    'pipeline_rules', 'user_id', 'study_card_no', 'updated_at', 'record_updated_at', 'created_at', 'org_path', 'id_number_enc',
    'phone_enc', 'home_address_enc'];
BEGIN
  IF (to_jsonb(OLD) - kept) IS DISTINCT FROM (to_jsonb(NEW) - kept)
     OR (OLD.home_address_enc IS NULL) <> (NEW.home_address_enc IS NULL) THEN
    NEW.version := OLD.version + 1;
  END IF;
  -- the pipeline standing is derived from the status, the standing and the dates: when they
  -- change, it is stale
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
-- Rows already on file: dues counting starts where the old report started it (the first month
-- on record, else January of this year), so no one's arrears move under them with this change.
UPDATE members m SET dues_from_month = coalesce(
  (SELECT min(d.month) FROM dues_payments d WHERE d.member_id = m.id),
  to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-01')
WHERE m.dues_from_month IS NULL AND m.status IN ('probationary', 'full');
--> statement-breakpoint
-- The standard history begins with each member's current standard.
INSERT INTO dues_standards (member_id, from_month, category, base_fen, standard_fen)
SELECT id, coalesce(dues_from_month, to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')), dues_category,
       monthly_income_fen, dues_standard_fen
  FROM members WHERE dues_standard_fen IS NOT NULL AND dues_category IS NOT NULL;
--> statement-breakpoint
-- Someone who left the Party stays on file but is counted nowhere: left_at takes them out of every
-- list and count, as a transfer out does, and the standing says why.
ALTER TABLE members ADD CONSTRAINT members_left_kept_check
  CHECK (party_standing <> 'left' OR (left_at IS NOT NULL AND left_how IS NOT NULL AND left_on IS NOT NULL));
