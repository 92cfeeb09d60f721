const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })

/** Money arrives as integer cents (docs/api.md, Conventions). */
export function cents(value: number | null | undefined): string {
  return typeof value === 'number' ? money.format(value / 100) : '—'
}

export function time(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function clock(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  return `${d.toLocaleTimeString('en-GB', { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`
}

export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return ''
  const s = Math.round((now - Date.parse(iso)) / 1000)
  if (s < 5) return 'just now'
  if (s < 60) return `${s}s ago`
  if (s < 3600) return `${Math.floor(s / 60)}m ago`
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`
  return `${Math.floor(s / 86_400)}d ago`
}

export function ms(value: number | null | undefined): string {
  if (typeof value !== 'number') return '—'
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value} ms`
}

export function caps(list: ReadonlyArray<{ period: string; count?: number; spendCents?: number }>): string {
  if (!list?.length) return 'none'
  return list.map((c) => `${c.count !== undefined ? c.count : cents(c.spendCents)}/${c.period}`).join(', ')
}

/** A captured body, pretty-printed when it is JSON. */
export function pretty(body: unknown): string {
  if (body === null || body === undefined) return ''
  if (typeof body !== 'string') return JSON.stringify(body, null, 2)
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}
