CREATE TABLE "assessment_bulletins" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"org_id" bigint NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"department" text NOT NULL,
	"year" integer NOT NULL,
	"issue_no" integer,
	"issued_on" date,
	"blocks" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"docx" bytea,
	"xlsx" bytea,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" bigint,
	"issued_at" timestamp with time zone,
	CONSTRAINT "assessment_bulletins_issued_check" CHECK (state = 'draft' or (issue_no is not null and docx is not null))
);
--> statement-breakpoint
ALTER TABLE "assessment_bulletins" ADD CONSTRAINT "assessment_bulletins_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_bulletins" ADD CONSTRAINT "assessment_bulletins_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_bulletins" ADD CONSTRAINT "assessment_bulletins_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_bulletins_org_idx" ON "assessment_bulletins" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_bulletins_issue_no_idx" ON "assessment_bulletins" USING btree ("org_id","year","issue_no");
