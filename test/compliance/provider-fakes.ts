import { type BuyerServer, startBuyer } from '../distribution/buyer-server.js'

/** Certificate ids the fake TrustedForm knows: one genuine, one its API refuses. */
export const CERT_OK = 'a'.repeat(40)
export const CERT_BAD = 'b'.repeat(40)
export const TF_KEY = 'tf-test-key'

/** A local TrustedForm Certificate API (v4 shape): basic auth API:<key>, POST /<cert_id>. */
export function startTrustedForm(): Promise<BuyerServer> {
  return startBuyer((r) => {
    const expected = `Basic ${Buffer.from(`API:${TF_KEY}`).toString('base64')}`
    if (r.headers.authorization !== expected) return { status: 401, body: { message: 'bad key' } }
    const cert = r.url.slice(1)
    if (cert === CERT_OK)
      return {
        status: 200,
        body: {
          outcome: 'success',
          reason: null,
          insights: {
            properties: {
              age_seconds: 60,
              created_at: '2026-01-01T00:00:00Z',
              expires_at: '2099-01-01T00:00:00Z',
            },
          },
        },
      }
    if (cert === CERT_BAD)
      return { status: 200, body: { outcome: 'failure', reason: 'consent language not found' } }
    return { status: 404, body: { message: 'not found' } }
  })
}

/** A local Jornaya Authenticate API: `authentic` 1 for tokens starting with 1. */
export function startJornaya(): Promise<BuyerServer> {
  return startBuyer((r) => {
    const id = new URL(r.url, 'http://x').searchParams.get('id') ?? ''
    return { body: { authenticate: { authentic: id.startsWith('1') ? 1 : 0, token: id } } }
  })
}

/** Phones (10-digit) the fake scrub lists, and how. */
export const LISTED: Record<string, string[]> = {
  '3105550199': ['dnc'],
  '3105550198': ['tcpa'],
}

/** A local phone scrub in the TCPA Litigator List shape: POST /scrub/phone/, form phone_number. */
export function startScrub(): Promise<BuyerServer> {
  return startBuyer((r) => {
    const phone = new URLSearchParams(r.body).get('phone_number') ?? ''
    const lists = LISTED[phone]
    return lists
      ? { body: { match: { [phone]: { phone_number: phone, status_array: lists } } } }
      : { body: { clean: { [phone]: { phone_number: phone } } } }
  })
}
