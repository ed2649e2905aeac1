-- 0033_learning_search_head: a course's title and tags (A) and what its tags also mean (B), as a
-- small tsvector of their own (a few hundred bytes, kept in the row) beside the whole document's.
-- A search ranks its title and tag matches on this one first, so that a page of results no longer
-- ranks every match's whole (compressed, out-of-line) vector: 三会一课 among a city's 18,000
-- courses, 3,888 matches, 91 → 14 ms (docs/SCALE.md). Empty until the library's job indexes each
-- course again (platform/search SEARCH_KEYS_VERSION 3): until then its matches rank as before.
ALTER TABLE "courses" ADD COLUMN "head_search" tsvector DEFAULT ''::tsvector NOT NULL;
