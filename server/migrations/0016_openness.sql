-- 0016_openness: placeholder, filled by its slice
SELECT 1;
