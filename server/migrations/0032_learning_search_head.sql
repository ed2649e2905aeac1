-- 0032_learning_search_head: a course's title, tags and summary keys apart from the whole text's, for
-- the ranking to read (library/search-keys.ts, COURSE_KEYS_VERSION 3: its job fills them within
-- minutes; until then a search still finds everything, ranked by publication)
ALTER TABLE "courses" ADD COLUMN "search_head" tsvector DEFAULT ''::tsvector NOT NULL;
