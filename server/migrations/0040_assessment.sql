CREATE TABLE "assessment_adjustments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"org_id" bigint NOT NULL,
	"points" double precision NOT NULL,
	"reason" text NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_items" (
	"month" text NOT NULL,
	"org_id" bigint NOT NULL,
	"key" text NOT NULL,
	"num" numeric NOT NULL,
	"den" numeric,
	"points" double precision,
	"met" integer,
	CONSTRAINT "assessment_items_month_org_id_key_pk" PRIMARY KEY("month","org_id","key")
);
--> statement-breakpoint
CREATE TABLE "assessment_months" (
	"month" text PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"scheme" jsonb,
	"audit_mark" bigint DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone,
	"last_run" jsonb,
	"closed_at" timestamp with time zone,
	"closed_by" bigint,
	CONSTRAINT "assessment_months_state" CHECK ("assessment_months"."state" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "assessment_schemes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"scheme" jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_scores" (
	"month" text NOT NULL,
	"org_id" bigint NOT NULL,
	"parent_id" bigint,
	"unit" boolean NOT NULL,
	"score" double precision,
	"rank" integer,
	"units" integer NOT NULL,
	"units_empty" integer NOT NULL,
	CONSTRAINT "assessment_scores_month_org_id_pk" PRIMARY KEY("month","org_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_values" (
	"month" text NOT NULL,
	"key" text NOT NULL,
	"org_id" bigint NOT NULL,
	"num" numeric NOT NULL,
	"den" numeric,
	CONSTRAINT "assessment_values_month_key_org_id_pk" PRIMARY KEY("month","key","org_id")
);
--> statement-breakpoint
ALTER TABLE "assessment_adjustments" ADD CONSTRAINT "assessment_adjustments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_months" ADD CONSTRAINT "assessment_months_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_schemes" ADD CONSTRAINT "assessment_schemes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "assessment_adjustments_month" ON "assessment_adjustments" USING btree ("month","org_id");
--> statement-breakpoint
CREATE INDEX "assessment_scores_siblings" ON "assessment_scores" USING btree ("month","parent_id","rank");
--> statement-breakpoint
CREATE INDEX "assessment_values_org" ON "assessment_values" USING btree ("month","org_id");
--> statement-breakpoint
-- learning.study_minutes reads one month of study_credits for a city (20 million rows a month): a
-- BRIN on day (rows arrive in day order) finds the month's pages and costs the heartbeat's upsert nothing
CREATE INDEX "study_credits_day_brin" ON "study_credits" USING brin ("day");
