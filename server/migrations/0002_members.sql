CREATE TABLE "corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"field" text NOT NULL,
	"value" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_payments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"month" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"recorded_by" bigint,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" bigint,
	"actor_name" text,
	"source" text NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_imports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"created_by" bigint NOT NULL,
	"file_name" text NOT NULL,
	"file_path" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"error_file_path" text,
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"user_id" bigint,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"ethnicity" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_index" text NOT NULL,
	"education" text NOT NULL,
	"degree" text,
	"status" text NOT NULL,
	"applied_on" date,
	"talked_on" date,
	"activist_on" date,
	"candidate_on" date,
	"political_review_on" date,
	"training_on" date,
	"admission_resolution_on" date,
	"admission_approved_on" date,
	"joined_on" date,
	"conversion_resolution_on" date,
	"conversion_approved_on" date,
	"full_on" date,
	"positions" text[] DEFAULT '{}' NOT NULL,
	"phone_enc" text,
	"phone_index" text,
	"photo" text,
	"work_unit" text,
	"mobile" boolean DEFAULT false NOT NULL,
	"mobile_location" text,
	"dues_category" text,
	"monthly_income_fen" integer,
	"dues_standard_fen" integer,
	"study_card_no" text,
	"left_at" timestamp with time zone,
	"record_updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_status_check" CHECK ("members"."status" in ('applicant','activist','candidate','probationary','full')),
	CONSTRAINT "members_gender_check" CHECK ("members"."gender" in ('male','female'))
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"member_id" bigint NOT NULL,
	"from_org_id" bigint,
	"from_org_name" text NOT NULL,
	"to_org_id" bigint,
	"to_org_name" text NOT NULL,
	"letter_no" text NOT NULL,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"dues_paid_until" text NOT NULL,
	"reason" text NOT NULL,
	"return_reason" text,
	"created_by" bigint,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transfers_kind_check" CHECK ("transfers"."kind" in ('internal','outgoing','incoming')),
	CONSTRAINT "transfers_status_check" CHECK ("transfers"."status" in ('pending','accepted','returned','cancelled'))
);
--> statement-breakpoint
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_history" ADD CONSTRAINT "member_history_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_imports" ADD CONSTRAINT "member_imports_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_from_org_id_orgs_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_to_org_id_orgs_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "corrections_member_idx" ON "corrections" USING btree ("member_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "dues_payments_key" ON "dues_payments" USING btree ("member_id","month");--> statement-breakpoint
CREATE INDEX "member_history_member_idx" ON "member_history" USING btree ("member_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "members_id_number_key" ON "members" USING btree ("id_number_index");--> statement-breakpoint
CREATE UNIQUE INDEX "members_study_card_key" ON "members" USING btree ("study_card_no");--> statement-breakpoint
CREATE UNIQUE INDEX "members_user_key" ON "members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "members_org_idx" ON "members" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "members_phone_idx" ON "members" USING btree ("phone_index");--> statement-breakpoint
CREATE INDEX "members_name_idx" ON "members" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "transfers_from_idx" ON "transfers" USING btree ("from_org_id","status");--> statement-breakpoint
CREATE INDEX "transfers_to_idx" ON "transfers" USING btree ("to_org_id","status");--> statement-breakpoint
CREATE INDEX "transfers_member_idx" ON "transfers" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_one_pending_key" ON "transfers" USING btree ("member_id") WHERE "transfers"."status" = 'pending';