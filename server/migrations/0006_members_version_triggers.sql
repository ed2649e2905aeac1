-- A member record's version moves whenever one of its own fields changes, whoever writes it, so
-- an edit made on an older version can be refused (lost updates). Re-encryption alone does not
-- count: the blind indexes stand for the ID number and the phone.
CREATE FUNCTION members_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.name, OLD.gender, OLD.ethnicity, OLD.birth_date, OLD.id_number_index, OLD.education, OLD.degree,
      OLD.status, OLD.applied_on, OLD.talked_on, OLD.activist_on, OLD.candidate_on, OLD.political_review_on,
      OLD.training_on, OLD.admission_resolution_on, OLD.admission_approved_on, OLD.joined_on,
      OLD.conversion_resolution_on, OLD.conversion_approved_on, OLD.full_on, OLD.positions, OLD.phone_index,
      OLD.work_unit, OLD.mobile, OLD.mobile_location, OLD.dues_category, OLD.monthly_income_fen, OLD.org_id,
      OLD.left_at)
     IS DISTINCT FROM
     (NEW.name, NEW.gender, NEW.ethnicity, NEW.birth_date, NEW.id_number_index, NEW.education, NEW.degree,
      NEW.status, NEW.applied_on, NEW.talked_on, NEW.activist_on, NEW.candidate_on, NEW.political_review_on,
      NEW.training_on, NEW.admission_resolution_on, NEW.admission_approved_on, NEW.joined_on,
      NEW.conversion_resolution_on, NEW.conversion_approved_on, NEW.full_on, NEW.positions, NEW.phone_index,
      NEW.work_unit, NEW.mobile, NEW.mobile_location, NEW.dues_category, NEW.monthly_income_fen, NEW.org_id,
      NEW.left_at) THEN
    NEW.version := OLD.version + 1;
  END IF;
  -- the pipeline standing is derived from the status and the dates: when they change, it is stale
  IF (OLD.status, OLD.birth_date, OLD.applied_on, OLD.talked_on, OLD.activist_on, OLD.candidate_on,
      OLD.political_review_on, OLD.training_on, OLD.admission_resolution_on, OLD.admission_approved_on,
      OLD.joined_on, OLD.conversion_resolution_on, OLD.conversion_approved_on, OLD.full_on)
     IS DISTINCT FROM
     (NEW.status, NEW.birth_date, NEW.applied_on, NEW.talked_on, NEW.activist_on, NEW.candidate_on,
      NEW.political_review_on, NEW.training_on, NEW.admission_resolution_on, NEW.admission_approved_on,
      NEW.joined_on, NEW.conversion_resolution_on, NEW.conversion_approved_on, NEW.full_on) THEN
    NEW.pipeline_rules := NULL;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER members_version BEFORE UPDATE ON members FOR EACH ROW EXECUTE FUNCTION members_bump_version();
