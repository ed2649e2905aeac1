-- 0018_members_gaps: placeholder, filled by its slice
SELECT 1;
