-- 0039_totp: a second factor for admins (issue 17, item 3). A TOTP secret per account (sealed by
-- platform/pii), the step of the last code accepted (a code is good once), recovery codes (hashed),
-- devices the user asked to be remembered (a cookie whose hash is kept), and the short-lived ticket
-- that carries a login from the password to the code.
create table user_totp (
  user_id bigint primary key references users(id) on delete cascade,
  secret_enc text not null,
  enabled_at timestamptz,
  last_step bigint,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create table user_recovery_codes (
  id bigserial primary key,
  user_id bigint not null references users(id) on delete cascade,
  code_hash text not null,
  used_at timestamptz
);
--> statement-breakpoint
create index user_recovery_codes_user_idx on user_recovery_codes(user_id);
--> statement-breakpoint
create table trusted_devices (
  id bigserial primary key,
  user_id bigint not null references users(id) on delete cascade,
  token_hash text not null,
  user_agent text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
--> statement-breakpoint
create unique index trusted_devices_token_key on trusted_devices(token_hash);
--> statement-breakpoint
create index trusted_devices_user_idx on trusted_devices(user_id);
--> statement-breakpoint
create table login_tickets (
  token_hash text primary key,
  user_id bigint not null references users(id) on delete cascade,
  purpose text not null check (purpose in ('totp', 'enrol')),
  attempts integer not null default 0,
  expires_at timestamptz not null
);
