-- 0014_dues_arrears: placeholder, filled by its slice
SELECT 1;
