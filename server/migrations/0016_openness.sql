-- 0016_openness: the org page (支部网页), its posts (工作动态, 组织公告, 党务公开), pictures and
-- attachments, and photo albums; then (appended by its slice) messages (留言).
-- Sections in the order of server/src/modules/openness/schema.ts; a new one goes at the end.

-- ─── page/ ───
CREATE TABLE "org_pages" (
	"org_id" bigint PRIMARY KEY NOT NULL REFERENCES "orgs"("id"),
	"introduction" text DEFAULT '' NOT NULL,
	"introduction_filled" boolean DEFAULT false NOT NULL,
	"contact_address" text,
	"contact_phone" text,
	"contact_hours" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" bigint REFERENCES "users"("id")
);
--> statement-breakpoint

-- ─── posts/ ───
CREATE TABLE "posts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"excerpt" text DEFAULT '' NOT NULL,
	"visibility" text NOT NULL,
	"cover_image_id" bigint,
	"published_at" timestamp with time zone,
	"author_id" bigint REFERENCES "users"("id"),
	"author_name" text NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" bigint REFERENCES "users"("id"),
	"withdraw_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "posts_kind_check" CHECK ("posts"."kind" in ('update','announcement','publicity')),
	CONSTRAINT "posts_visibility_check" CHECK ("posts"."visibility" in ('public','members'))
);
--> statement-breakpoint
-- the public page: an org's published public items, newest first, is one range of this index
CREATE INDEX "posts_public_idx" ON "posts" ("org_id", "published_at" DESC, "id" DESC)
	WHERE "visibility" = 'public' AND "published_at" IS NOT NULL AND "withdrawn_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "posts_org_idx" ON "posts" ("org_id", "created_at" DESC, "id" DESC);
--> statement-breakpoint
CREATE INDEX "posts_path_published_idx" ON "posts" ("org_path" text_pattern_ops, "published_at");
--> statement-breakpoint
-- org_path follows org_id, as members' does (0009): set on every write, followed when an org moves
CREATE FUNCTION posts_take_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.org_path := (SELECT path FROM orgs WHERE id = NEW.org_id);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER posts_org_path BEFORE INSERT OR UPDATE OF org_id ON posts
  FOR EACH ROW EXECUTE FUNCTION posts_take_org_path();
--> statement-breakpoint
CREATE FUNCTION orgs_path_to_posts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE posts SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_posts AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_posts();
--> statement-breakpoint
CREATE TABLE "post_attachments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"post_id" bigint NOT NULL REFERENCES "posts"("id"),
	"file_key" text NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "post_attachments_post_idx" ON "post_attachments" ("post_id", "id");
--> statement-breakpoint
CREATE TABLE "openness_images" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"token" text NOT NULL UNIQUE,
	"file_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"uploaded_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint

-- ─── albums/ ───
CREATE TABLE "albums" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"title" text NOT NULL,
	"description" text,
	"visibility" text NOT NULL,
	"created_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "albums_visibility_check" CHECK ("albums"."visibility" in ('public','members'))
);
--> statement-breakpoint
CREATE INDEX "albums_org_idx" ON "albums" ("org_id", "updated_at" DESC, "id" DESC);
--> statement-breakpoint
CREATE TABLE "album_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"album_id" bigint NOT NULL REFERENCES "albums"("id"),
	"token" text NOT NULL UNIQUE,
	"file_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"caption" text,
	"uploaded_by" bigint REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "album_photos_album_idx" ON "album_photos" ("album_id", "id");
--> statement-breakpoint

-- ─── messages/ ───
CREATE TABLE "messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL REFERENCES "orgs"("id"),
	"org_path" text COLLATE "C" NOT NULL,
	"author_kind" text NOT NULL,
	"author_user_id" bigint REFERENCES "users"("id"),
	"author_member_id" bigint,
	"author_name" text NOT NULL,
	"phone_enc" text,
	"phone_index" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"first_answered_at" timestamp with time zone,
	"last_reply_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" bigint REFERENCES "users"("id"),
	"close_reason" text,
	"challenge_nonce" text UNIQUE,
	CONSTRAINT "messages_author_kind_check" CHECK ("messages"."author_kind" in ('member','public')),
	CONSTRAINT "messages_status_check" CHECK ("messages"."status" in ('open','answered','closed')),
	CONSTRAINT "messages_author_check" CHECK (("messages"."author_kind" = 'member' and "messages"."author_user_id" is not null) or ("messages"."author_kind" = 'public' and "messages"."phone_enc" is not null))
);
--> statement-breakpoint
-- the inbox and the monthly counts: a subtree's messages by arrival is one range of this index
CREATE INDEX "messages_path_created_idx" ON "messages" ("org_path" text_pattern_ops, "created_at");
--> statement-breakpoint
-- the overdue list: messages nobody has answered yet, by deadline
CREATE INDEX "messages_unanswered_idx" ON "messages" ("due_at")
	WHERE "first_answered_at" IS NULL AND "status" <> 'closed';
--> statement-breakpoint
CREATE INDEX "messages_author_idx" ON "messages" ("author_user_id", "created_at" DESC);
--> statement-breakpoint
-- org_path follows org_id, as members' and posts' do: set on every write, followed when an org moves
CREATE FUNCTION messages_take_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.org_path := (SELECT path FROM orgs WHERE id = NEW.org_id);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER messages_org_path BEFORE INSERT OR UPDATE OF org_id ON messages
  FOR EACH ROW EXECUTE FUNCTION messages_take_org_path();
--> statement-breakpoint
CREATE FUNCTION orgs_path_to_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE messages SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_path_messages AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_messages();
--> statement-breakpoint
CREATE TABLE "message_replies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" bigint NOT NULL REFERENCES "messages"("id"),
	"by_kind" text NOT NULL,
	"by_user_id" bigint REFERENCES "users"("id"),
	"by_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "message_replies_by_kind_check" CHECK ("message_replies"."by_kind" in ('org','author'))
);
--> statement-breakpoint
CREATE INDEX "message_replies_message_idx" ON "message_replies" ("message_id", "id");
