-- 0036_learning_station_withdrawn: a station session entered by mistake (the wrong station, the
-- wrong people, 60 minutes typed as 600) is withdrawn with a reason rather than deleted: its row
-- stays for the audit trail, its attendees' study and the station's month no longer count it.
alter table station_sessions add column withdrawn_at timestamptz;
--> statement-breakpoint
alter table station_sessions add column withdrawn_by bigint references users (id);
--> statement-breakpoint
alter table station_sessions add column withdrawn_reason text;
--> statement-breakpoint
alter table station_sessions add constraint station_sessions_withdrawn_check
  check ((withdrawn_at is null) = (withdrawn_reason is null));
