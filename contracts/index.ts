export * from './common.ts';
export * from './auth.ts';
export * from './orgs.ts';
export * from './users.ts';
export * from './audit.ts';
export * from './notify.ts';
export * from './members/index.ts';
export * from './workbench.ts';
