-- The study beat keeps the credit of the course and day being studied on the member's session row
-- and folds it into study_credits, course_progress and study_years when the member moves to
-- another course or day, or by the minute job (learning/study/fold.ts): one row written per beat
-- instead of four (docs/SCALE.md).
ALTER TABLE "study_devices" ADD COLUMN "pending_course_id" bigint;--> statement-breakpoint
ALTER TABLE "study_devices" ADD COLUMN "pending_day" date;--> statement-breakpoint
ALTER TABLE "study_devices" ADD COLUMN "pending_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "study_devices" ADD COLUMN "pending_first_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "study_devices" ADD COLUMN "pending_last_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "study_devices" ADD COLUMN "pending_finished_after" integer;
-- no index on the pending columns: a beat changing an indexed column could not be a HOT update; the
-- minute job reads the table through (one row per member who ever studied).
