export * from './scheme.ts';
export * from './scores.ts';
export * from './bulletin.ts';
