export * from './terminals.ts';
