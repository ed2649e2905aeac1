-- 0037_sso: Hongyun as an OpenID Connect provider (issue 17, item 2). The sub-platforms the
-- department registers (子平台接入), and what the provider keeps between requests (codes, tokens,
-- sessions, grants, interactions): several app processes share them, so they live here.
create table sso_clients (
  id bigserial primary key,
  client_id text not null,
  name text not null,
  -- the client secret, AES-256-GCM (platform/pii) bound to this row: the provider compares it in plain
  secret_enc text not null,
  redirect_uris text[] not null,
  post_logout_redirect_uris text[] not null default '{}',
  allowed_roles text[] not null,
  icon_url text,
  launch_url text not null,
  first_party boolean not null default false,
  enabled boolean not null default true,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sso_clients_name_check check (length(name) between 1 and 60)
);
--> statement-breakpoint
create unique index sso_clients_client_id_idx on sso_clients (client_id);
--> statement-breakpoint
create table oidc_payloads (
  model text not null,
  id text not null,
  payload jsonb not null,
  grant_id text,
  user_code text,
  uid text,
  expires_at timestamptz,
  consumed_at timestamptz,
  primary key (model, id)
);
--> statement-breakpoint
create index oidc_payloads_grant_id_idx on oidc_payloads (grant_id) where grant_id is not null;
--> statement-breakpoint
create index oidc_payloads_uid_idx on oidc_payloads (uid) where uid is not null;
--> statement-breakpoint
create index oidc_payloads_expires_at_idx on oidc_payloads (expires_at);
