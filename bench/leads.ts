import { randomBytes } from 'node:crypto'

/** The demo world's source and lead type (src/app/demo/demo-ids.ts). */
export const DEMO_SOURCE = { vid: 1, lid: 1, aid: 1, password: 'demo' }
export const ADMIN_HEADERS = { authorization: 'Bearer demo-admin-key' }

const AREA_CODES = [212, 213, 312, 415, 617, 713, 305, 404, 206, 303, 602, 702, 512, 919, 614]
const EXCHANGES = Array.from({ length: 800 }, (_, i) => 200 + i).filter((e) => e % 100 !== 11 && e !== 555)
const RUN = randomBytes(3).toString('hex')

/**
 * A distinct, valid North American number for each n (area from a list of real codes, exchange
 * 200–999 without N11 codes and 555, line 0000–9999), so no two bench leads share a duplicate key.
 */
export function phoneFor(n: number): string {
  const line = n % 10_000
  const exchange = EXCHANGES[Math.floor(n / 10_000) % EXCHANGES.length]
  const area = AREA_CODES[Math.floor(n / (10_000 * EXCHANGES.length)) % AREA_CODES.length]
  return `${area}${exchange}${String(line).padStart(4, '0')}`
}

export function emailFor(n: number): string {
  return `bench.${RUN}.${n}@leadflow-bench.com`
}

/** The fields of the n-th bench lead (Auto Insurance: Email, Phone and Zip are required). */
export function fieldsFor(n: number): Record<string, string> {
  return {
    FirstName: 'Bench',
    LastName: `Lead${n}`,
    Email: emailFor(n),
    Phone: phoneFor(n),
    Zip: '10001',
    State: 'NY',
    DOB: '1980-04-12',
  }
}

/** A LeadExec JSON post (seed 003, Create General Lead JSON) for the n-th lead. */
export function leadExecJson(n: number, options: { noSell?: boolean; returnUrl?: string } = {}): string {
  return JSON.stringify({
    source: { ...DEMO_SOURCE, ...(options.returnUrl ? { returnURL: options.returnUrl } : {}) },
    leads: [
      { properties: { reference: `bench-${n}`, noSell: options.noSell ?? false }, fields: fieldsFor(n) },
    ],
  })
}

/** A LeadExec ping (seed 003, PING): eligibility data only, no contact information. */
export function leadExecPing(): string {
  return JSON.stringify({
    source: DEMO_SOURCE,
    leads: [{ properties: {}, fields: { Zip: '10001', State: 'NY', DOB: '1980-04-12' } }],
  })
}

export const refusedSync = (status: number, body: string) =>
  status >= 200 && status < 300 && !body.includes('"isValidPost":true')
export const refusedAsync = (status: number, body: string) =>
  status >= 200 && status < 300 && !body.includes('"QueueSuccessful":true')
export const pingRefused = (status: number, body: string) =>
  status >= 200 && status < 300 && !body.includes('"WillAccept":true')
