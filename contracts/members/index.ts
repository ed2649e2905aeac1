// The members module's contracts, one file per sub-capability (server/src/modules/members/<same>/).
export * from './codes.ts';
export * from './corrections.ts';
export * from './dues.ts';
export * from './enums.ts';
export * from './excel.ts';
export * from './mobile.ts';
export * from './pipeline.ts';
export * from './quality.ts';
export * from './record.ts';
export * from './standing.ts';
export * from './study-cards.ts';
export * from './transfers.ts';
