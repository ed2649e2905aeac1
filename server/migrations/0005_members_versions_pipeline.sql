ALTER TABLE "corrections" ADD COLUMN "previous_value" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "pipeline_gaps" integer;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "pipeline_earliest_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "pipeline_due_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "pipeline_rules" integer;--> statement-breakpoint
CREATE INDEX "members_pipeline_idx" ON "members" USING btree ("org_id") WHERE "members"."status" <> 'full' and "members"."left_at" is null;