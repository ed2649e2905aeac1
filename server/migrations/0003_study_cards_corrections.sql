ALTER TABLE "users" ADD COLUMN "study_card_no" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "card_password_hash" text;--> statement-breakpoint
ALTER TABLE "corrections" ADD COLUMN "decision_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "users_study_card_key" ON "users" USING btree ("study_card_no");--> statement-breakpoint
CREATE UNIQUE INDEX "corrections_one_pending_key" ON "corrections" USING btree ("member_id","field") WHERE "corrections"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_status_check" CHECK ("corrections"."status" in ('pending','approved','rejected'));