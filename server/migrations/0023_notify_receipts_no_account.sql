-- 0023: a member given a login after notices were sent to them finds those notices under it
-- (platform/notify/link-receipts.ts): their receipts without an account, one index range per member.
CREATE INDEX "notice_receipts_no_account_idx" ON "notice_receipts" USING btree ("member_id") WHERE "notice_receipts"."user_id" is null;
