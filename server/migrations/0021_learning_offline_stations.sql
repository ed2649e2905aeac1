-- 0021_learning_offline_stations: 线下学习 (offline/) and 远程教育站点 (stations/)
-- Sections in the order of server/src/modules/learning/schema.ts.
SELECT 1;
