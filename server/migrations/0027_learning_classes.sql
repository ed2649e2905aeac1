-- 0027_learning_classes: 网上班级 (classes/)
SELECT 1;
