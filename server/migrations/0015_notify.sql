-- 0015_notify: placeholder, filled by its slice
SELECT 1;
