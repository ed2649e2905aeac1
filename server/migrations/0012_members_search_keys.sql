ALTER TABLE "members" ADD COLUMN "phone_tail_index" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "name_initials" text;