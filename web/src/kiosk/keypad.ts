/** The on-screen keypads: no keyboard at the kiosk. Pure key handling, unit-tested. */

export const DIGIT_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/** Letters and digits for a password; digits first (the study card's password is 6 digits). */
export const LETTER_ROWS = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
  ['shift', 'z', 'x', 'c', 'v', 'b', 'n', 'm', 'back'],
] as const;

export type Key = string;

/** The value after pressing `key` ('back' deletes one, 'clear' empties), never longer than `max`. */
export function press(value: string, key: Key, max: number, upper = false): string {
  if (key === 'back') return value.slice(0, -1);
  if (key === 'clear') return '';
  if (key === 'shift') return value;
  if (value.length >= max) return value;
  return value + (upper ? key.toUpperCase() : key);
}

/** A 12-digit card number shown in groups of four, as printed on the card. */
export const groupCard = (s: string) => s.replace(/(\d{4})(?=\d)/g, '$1 ');
