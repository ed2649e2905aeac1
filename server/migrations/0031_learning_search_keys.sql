-- 0031_learning_search_keys: which version of platform/search made a course's search keys; the
-- library's job (library/search-keys.ts) indexes again the courses made by an older one (every
-- course already here: 0, until the job has passed)
-- (no index: the job reads a city's 18,000 courses in a few milliseconds every five minutes)
ALTER TABLE "courses" ADD COLUMN "search_keys" smallint DEFAULT 0 NOT NULL;
