CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_reliefs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" integer,
	"from_month" text NOT NULL,
	"to_month" text,
	"reason" text NOT NULL,
	"reason_kind" text,
	"branch_approved_on" date,
	"committee_approved_on" date,
	"recorded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_reliefs_kind_check" CHECK ("dues_reliefs"."kind" in ('reduced','exempt','excused'))
);
--> statement-breakpoint
CREATE TABLE "dues_standards" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"from_month" text NOT NULL,
	"category" text NOT NULL,
	"basis" text,
	"base_fen" integer,
	"standard_fen" integer NOT NULL,
	"recorded_by" bigint,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_sanctions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"on" date NOT NULL,
	"issued_by" text NOT NULL,
	"note" text,
	"recorded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_sanctions_kind_check" CHECK ("member_sanctions"."kind" in ('reward','discipline'))
);
--> statement-breakpoint
CREATE TABLE "member_trips" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"destination" text NOT NULL,
	"purpose" text NOT NULL,
	"left_on" date NOT NULL,
	"returned_on" date,
	"approved_by" text,
	"recorded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mobile_periods" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"out_on" date NOT NULL,
	"back_on" date,
	"destination" text NOT NULL,
	"host_org_id" bigint,
	"host_org_name" text,
	"certificate_no" text,
	"reminded_on" date,
	"recorded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standing_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"resolution_on" date NOT NULL,
	"approved_on" date,
	"approved_by" text,
	"reason" text NOT NULL,
	"months" integer,
	"recorded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "standing_decisions_kind_check" CHECK ("standing_decisions"."kind" in ('suspend','restore','remove','lapse','expel','resign','death','extend_probation','cancel_probation'))
);
--> statement-breakpoint
ALTER TABLE "member_imports" ADD COLUMN "mode" text DEFAULT 'create' NOT NULL;--> statement-breakpoint
ALTER TABLE "member_imports" ADD COLUMN "created_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "member_imports" ADD COLUMN "updated_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "member_imports" ADD COLUMN "preview" jsonb;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "party_standing" text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "left_how" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "left_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "suspended_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "lost_contact_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "lost_contact_reason" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "found_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "abroad_kind" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "abroad_since" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "probation_extension_months" integer;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "probation_extension_resolution_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "probation_extension_approved_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "recommended_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "activist_filed_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "candidate_filed_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "training_hours" integer;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "pre_review_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "application_form_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "committee_talk_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "oath_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "conversion_request_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "cultivation_contact_ids" bigint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "sponsor_ids" bigint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "dues_from_month" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "dues_basis" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "post_code" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "home_address_enc" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "work_started_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "hardship_kind" text;--> statement-breakpoint
ALTER TABLE "transfers" ADD COLUMN "receipt_due_on" date;--> statement-breakpoint
ALTER TABLE "transfers" ADD COLUMN "receipt_on" date;--> statement-breakpoint
ALTER TABLE "transfers" ADD COLUMN "certificate_note" text;--> statement-breakpoint
ALTER TABLE "dues_reliefs" ADD CONSTRAINT "dues_reliefs_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_standards" ADD CONSTRAINT "dues_standards_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_sanctions" ADD CONSTRAINT "member_sanctions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_trips" ADD CONSTRAINT "member_trips_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobile_periods" ADD CONSTRAINT "mobile_periods_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobile_periods" ADD CONSTRAINT "mobile_periods_host_org_id_orgs_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standing_decisions" ADD CONSTRAINT "standing_decisions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dues_reliefs_member_idx" ON "dues_reliefs" USING btree ("member_id","from_month");--> statement-breakpoint
CREATE UNIQUE INDEX "dues_standards_key" ON "dues_standards" USING btree ("member_id","from_month");--> statement-breakpoint
CREATE INDEX "member_sanctions_member_idx" ON "member_sanctions" USING btree ("member_id","on");--> statement-breakpoint
CREATE INDEX "member_trips_member_idx" ON "member_trips" USING btree ("member_id","left_on");--> statement-breakpoint
CREATE INDEX "mobile_periods_member_idx" ON "mobile_periods" USING btree ("member_id","out_on");--> statement-breakpoint
CREATE INDEX "mobile_periods_host_idx" ON "mobile_periods" USING btree ("host_org_id") WHERE "mobile_periods"."back_on" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "mobile_periods_open_key" ON "mobile_periods" USING btree ("member_id") WHERE "mobile_periods"."back_on" is null;--> statement-breakpoint
CREATE INDEX "standing_decisions_member_idx" ON "standing_decisions" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "members_lost_contact_idx" ON "members" USING btree ("org_id") WHERE "members"."lost_contact_on" is not null and "members"."found_on" is null;--> statement-breakpoint
CREATE INDEX "members_standing_idx" ON "members" USING btree ("org_id","party_standing") WHERE "members"."party_standing" <> 'normal';--> statement-breakpoint
CREATE INDEX "transfers_receipt_idx" ON "transfers" USING btree ("receipt_due_on") WHERE "transfers"."receipt_on" is null and "transfers"."receipt_due_on" is not null;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_party_standing_check" CHECK ("members"."party_standing" in ('normal','suspended','left'));--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_left_how_check" CHECK ("members"."left_how" in ('death','resignation','removal','expulsion','lapsed','probation_cancelled'));--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_abroad_kind_check" CHECK ("members"."abroad_kind" in ('settled','studying'));--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_probation_extension_check" CHECK ("members"."probation_extension_months" is null or "members"."probation_extension_months" between 6 and 12);