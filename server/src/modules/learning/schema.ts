// The learning module's tables, one section per sub-capability, in this order:
//   library/   courses, categories, tags, files, search keys  → migration 0019_learning_library.sql
//   study/     study credits (per member, item and day), year totals, devices → 0020_learning_study.sql
//   offline/ and stations/   offline study, remote-education stations and their sessions
//                                                             → 0021_learning_offline_stations.sql
//   classes/ and pool/ and recommend/   classes, teachers, training bases, dismissed recommendations
//                                                             → 0022_learning_classes_pool.sql
// Each section is appended by its sub-capability; the migration files are sectioned the same way.
export {};
