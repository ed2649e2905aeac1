CREATE TABLE "kiosk_terminals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"place" text NOT NULL,
	"idle_seconds" integer DEFAULT 60 NOT NULL,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"token_hash" text,
	"registered_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"screen" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kiosk_terminals_idle" CHECK ("kiosk_terminals"."idle_seconds" between 30 and 600)
) WITH (fillfactor = 80);
--> statement-breakpoint
CREATE TABLE "kiosk_commands" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"terminal_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acked_at" timestamp with time zone,
	CONSTRAINT "kiosk_commands_kind" CHECK ("kiosk_commands"."kind" in ('reload', 'notice', 'home')),
	CONSTRAINT "kiosk_commands_state" CHECK ("kiosk_commands"."state" in ('pending', 'acked'))
);
--> statement-breakpoint
ALTER TABLE "kiosk_terminals" ADD CONSTRAINT "kiosk_terminals_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosk_terminals" ADD CONSTRAINT "kiosk_terminals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosk_commands" ADD CONSTRAINT "kiosk_commands_terminal_id_kiosk_terminals_id_fk" FOREIGN KEY ("terminal_id") REFERENCES "public"."kiosk_terminals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosk_commands" ADD CONSTRAINT "kiosk_commands_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kiosk_terminals_token_hash" ON "kiosk_terminals" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "kiosk_terminals_code_hash" ON "kiosk_terminals" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "kiosk_terminals_org" ON "kiosk_terminals" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "kiosk_commands_terminal" ON "kiosk_commands" USING btree ("terminal_id","id");--> statement-breakpoint
CREATE INDEX "kiosk_commands_pending" ON "kiosk_commands" USING btree ("terminal_id") WHERE "kiosk_commands"."state" = 'pending';
