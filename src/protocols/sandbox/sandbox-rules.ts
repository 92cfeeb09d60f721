/**
 * The built-in sandbox buyers' rules (docs/distribution.md, "Sandbox buyers"): simple enough to
 * predict from the lead alone, so a demo or a test can aim for each outcome.
 *
 * - Email containing "error" → HTTP 500 (a failing buyer).
 * - Email containing "reject" → rejected, reason "Email asks to be rejected".
 * - State in REJECTED_STATES → rejected, reason "State <XX> not served".
 * - Otherwise accepted. The bid (ping) and price (post) are the sandbox's base price plus
 *   10 cents per the Zip's last digit: acme $25.00, zenith $18.00, any other name $10.00.
 */
export const REJECTED_STATES = ['AK', 'HI']
const BASE_CENTS: Record<string, number> = { acme: 2500, zenith: 1800 }

export interface SandboxAnswer {
  status: number
  body: Record<string, unknown>
}

function field(body: Record<string, unknown>, name: string): string {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase())
  const value = key === undefined ? undefined : body[key]
  return value === undefined || value === null ? '' : String(value)
}

export function sandboxBidCents(name: string, body: Record<string, unknown>): number {
  const zip = field(body, 'Zip') || field(body, 'PostalCode')
  const lastDigit = Number(/\d(?=\D*$)/.exec(zip)?.[0] ?? 0)
  return (BASE_CENTS[name] ?? 1000) + lastDigit * 10
}

export function sandboxAnswer(
  name: string,
  kind: 'ping' | 'post',
  body: Record<string, unknown>,
  ids: { leadId: string; welcomeUrl: string },
): SandboxAnswer {
  const email = field(body, 'Email').toLowerCase()
  const state = field(body, 'State').toUpperCase()
  if (email.includes('error'))
    return { status: 500, body: { status: 'error', reason: 'Sandbox failure on request' } }
  if (email.includes('reject'))
    return { status: 200, body: { status: 'rejected', reason: 'Email asks to be rejected' } }
  if (REJECTED_STATES.includes(state))
    return { status: 200, body: { status: 'rejected', reason: `State ${state} not served` } }
  const price = (sandboxBidCents(name, body) / 100).toFixed(2)
  if (kind === 'ping') return { status: 200, body: { status: 'accepted', price } }
  return {
    status: 200,
    body: {
      status: 'accepted',
      lead_id: ids.leadId,
      price,
      redirect_url: `${ids.welcomeUrl}?lead=${ids.leadId}`,
    },
  }
}
