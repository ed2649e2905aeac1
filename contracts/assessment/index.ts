export * from './scheme.ts';
export * from './scores.ts';
