import { ADMIN_HEADERS } from './leads.js'
import { send } from './load.js'

export interface BenchBuyer {
  url: string
  priceCents: number
  /** The contract's delivery timeout (default 5000 ms). */
  timeoutMs?: number
  /** Contract settings (docs/distribution.md), e.g. `{ autoPauseAfter: 1000 }`. */
  settings?: Record<string, unknown>
  /** Contract caps (docs/api.md), e.g. `[{ period: 'day', count: 30 }]`. */
  caps?: ReadonlyArray<Record<string, unknown>>
}

export type Configured = { ok: true } | { ok: false; reason: string }

const API = '/api/v1'

/** How bench/buyer-server.ts answers: `{"status":"accepted"|"rejected","price":12.5,...}`. */
const RESPONSE_RULES = {
  outcomeAt: 'json:status',
  accepted: 'accepted',
  rejected: 'rejected',
  reason: 'json:reason',
  price: 'json:price',
  buyerLeadId: 'json:buyerLeadId',
}

let made = 0

/**
 * Makes `buyers` the only active contracts of the demo lead type (lid 1), in this priority
 * order, with `strategy`, through the native admin API (docs/api.md): sets the lead type's
 * strategy, pauses every other contract, creates one buyer and one HTTP contract per bench buyer.
 * Answers why not when the admin routes are not there.
 */
export async function configureBuyers(
  base: string,
  strategy: 'waterfall' | 'ping_post',
  buyers: BenchBuyer[],
  options: { pingTimeoutMs?: number } = {},
): Promise<Configured> {
  const list = await send(`${base}${API}/contracts`, { headers: ADMIN_HEADERS })
  if (list.status !== 200) return failed('GET /contracts', list)
  const settings = { strategy, pingTimeoutMs: options.pingTimeoutMs ?? 2000 }
  const type = await send(`${base}${API}/lead-types/1`, {
    method: 'PATCH',
    headers: ADMIN_HEADERS,
    body: { settings },
  })
  if (type.status !== 200) return failed('PATCH /lead-types/1', type)
  for (const contract of (list.body?.items ?? []) as Array<{ id: number; status: string }>) {
    if (contract.status !== 'active') continue
    const body = { status: 'paused' }
    const paused = await send(`${base}${API}/contracts/${contract.id}`, {
      method: 'PATCH',
      headers: ADMIN_HEADERS,
      body,
    })
    if (paused.status !== 200) return failed(`PATCH /contracts/${contract.id}`, paused)
  }
  for (const [i, buyer] of buyers.entries()) {
    const created = await createContract(base, strategy, buyer, i + 1)
    if (!created.ok) return created
  }
  return { ok: true }
}

async function createContract(
  base: string,
  strategy: string,
  buyer: BenchBuyer,
  priority: number,
): Promise<Configured> {
  made += 1
  const owner = await send(`${base}${API}/buyers`, {
    headers: ADMIN_HEADERS,
    body: { name: `Bench buyer ${made}` },
  })
  if (owner.status !== 201) return failed('POST /buyers', owner)
  const delivery = {
    kind: 'http',
    method: 'POST',
    format: 'json',
    url: `${buyer.url}/post`,
    timeoutMs: buyer.timeoutMs ?? 5000,
    response: RESPONSE_RULES,
    ...(strategy === 'ping_post' ? { ping: { url: `${buyer.url}/ping` } } : {}),
  }
  const contract = await send(`${base}${API}/buyers/${owner.body.id}/contracts`, {
    headers: ADMIN_HEADERS,
    body: {
      name: `Bench contract ${made}`,
      lid: 1,
      price_cents: buyer.priceCents,
      pricing: strategy === 'ping_post' ? 'bid' : 'fixed',
      priority,
      delivery,
      ...(buyer.settings ? { settings: buyer.settings } : {}),
      ...(buyer.caps ? { caps: buyer.caps } : {}),
    },
  })
  if (contract.status !== 201) return failed(`POST /buyers/${owner.body.id}/contracts`, contract)
  return { ok: true }
}

function failed(what: string, answer: { status: number; text: string }): Configured {
  const why = answer.status === 404 ? 'admin API not available yet' : answer.text.slice(0, 200)
  return { ok: false, reason: `${what} answers ${answer.status}: ${why}` }
}
