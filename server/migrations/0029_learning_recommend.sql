-- 0029_learning_recommend: recommendations: course neighbours and dismissals (recommend/)
SELECT 1;
