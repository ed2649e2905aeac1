-- 0019_learning_library: 课件库 (library/): courses, categories, tags, files, Chinese search keys
-- Sections in the order of server/src/modules/learning/schema.ts.
SELECT 1;
