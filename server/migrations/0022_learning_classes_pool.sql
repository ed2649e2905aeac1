-- 0022_learning_classes_pool: 网上班级 (classes/), 师资库 and 教育基地 (pool/), dismissed recommendations (recommend/)
-- Sections in the order of server/src/modules/learning/schema.ts.
SELECT 1;
