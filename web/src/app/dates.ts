/** 'YYYY-MM' of today in Asia/Shanghai, where the dues calendar and letters' months live. */
export function currentMonth(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);
}
