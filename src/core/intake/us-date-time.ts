/**
 * `12/28/2022 3:29:34 PM`, the US date-time form LeadExec shows in messages and OrderExpiresOn
 * (seed 003, Duplicate Check and PING examples), always rendered in UTC.
 */
export function usDateTime(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at
  const h = d.getUTCHours()
  const pad = (n: number) => String(n).padStart(2, '0')
  const hour12 = h % 12 === 0 ? 12 : h % 12
  const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`
  return `${date} ${hour12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`
}
