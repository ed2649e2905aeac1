// The text readers of the bank's imports and the GIFT writer of its export (pure; their own tests
// beside them). Gathered here so the import and export name one place.
export { parseAiken } from './aiken.ts';
export { parseGift } from './gift.ts';
export { writeGift } from './gift-write.ts';
