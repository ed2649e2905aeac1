-- 0030_exams_bank: 题库: categories, questions, imports (bank/)
SELECT 1;
