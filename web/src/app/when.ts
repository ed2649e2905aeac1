// Instants as people here read them: Beijing time, whatever the device's zone. One place for every
// module (a second copy of date formatting belongs here, STYLE.md).
const day = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const time = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 2026-10-09 */
export const dayOf = (iso: string) => day.format(new Date(iso));

/** 2026-10-09 14:05 */
export const momentOf = (iso: string) => `${day.format(new Date(iso))} ${time.format(new Date(iso))}`;

/** The same for a time that may be missing: '' when there is none. */
export const when = (iso: string | null | undefined): string => (iso ? momentOf(iso) : '');
