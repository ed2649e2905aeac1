-- 0018_members_gaps: the smaller gaps of issue 12 in the members module.
--
-- The committee above may refuse a decision of the branch meeting (不予批准) instead of approving
-- it: the day, the refusing body and its reason are kept with the decision, which then has no
-- effect (standing/refuse-decision.ts). A decision is approved or refused, never both.
ALTER TABLE "standing_decisions" ADD COLUMN "refused_on" date;
--> statement-breakpoint
ALTER TABLE "standing_decisions" ADD COLUMN "refused_by" text;
--> statement-breakpoint
ALTER TABLE "standing_decisions" ADD COLUMN "refusal_reason" text;
--> statement-breakpoint
ALTER TABLE "standing_decisions" ADD CONSTRAINT "standing_decisions_refusal_check" CHECK (
  "refused_on" IS NULL
  OR ("approved_on" IS NULL AND "refused_by" IS NOT NULL AND "refusal_reason" IS NOT NULL)
);
--> statement-breakpoint
-- 介绍信编号: the numbers this deployment issues are unique. They are handed out under an advisory
-- lock (transfers/store.ts nextLetterNo); the index makes a number given twice impossible whatever
-- the path that wrote it. Letters registered from outside keep the number their issuer gave, which
-- may repeat another issuer's, so they are left out.
CREATE UNIQUE INDEX "transfers_letter_no_key" ON "transfers" USING btree ("letter_no") WHERE "kind" <> 'incoming';
