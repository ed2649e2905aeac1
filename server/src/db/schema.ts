// Every table of the platform, gathered for Drizzle and drizzle-kit. Each module owns its tables.
export * from '../platform/tree/schema.ts';
export * from '../platform/auth/schema.ts';
export * from '../platform/audit/schema.ts';
export * from '../platform/settings/schema.ts';
export * from '../platform/notify/schema.ts';
export * from '../modules/members/schema.ts';
export * from '../modules/openness/schema.ts';
export * from '../modules/life/schema.ts';
export * from '../modules/learning/schema.ts';
export * from '../modules/exams/schema.ts';
export * from '../modules/surveys/schema.ts';
export * from '../modules/kiosk/schema.ts';
export * from '../modules/sso/schema.ts';
export * from '../modules/assessment/schema.ts';
