-- 0028_learning_pool: 师资库 and 教育基地 (pool/)
SELECT 1;
