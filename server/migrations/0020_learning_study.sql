-- 0020_learning_study: 学时 (study/): credited study per member, item and day; year totals; active devices
-- Sections in the order of server/src/modules/learning/schema.ts.
SELECT 1;
