-- 0017_life: placeholder, filled by its slice
SELECT 1;
