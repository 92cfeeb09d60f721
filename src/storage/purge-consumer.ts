import { randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { AuditChange } from '../core/accounts/account-stores.js'
import type { ConsumerPurgeStore, PurgeRequest, PurgeResult } from '../core/privacy/purge-consumer.js'
import type { Database } from './schema.js'
import { writeAudit } from './write-audit.js'

export type { PurgeRequest, PurgeResult }

const PURGED = '[purged]'

/**
 * Erases a consumer's personal data (DESIGN.md, Security and data): lead bodies, captured
 * requests and responses, duplicate keys and dialler contact details. What the business needs to
 * stay correct — lead ids, statuses, prices, sales, ledger — is kept, so the books still balance.
 * The candidate scan is a substring search over the JSON text (rare, operator-initiated); each
 * candidate is confirmed by parsing its fields, so a substring hit elsewhere is not purged.
 */
export async function purgeConsumer(
  db: Kysely<Database>,
  request: PurgeRequest,
  change: AuditChange,
  now: Date,
): Promise<PurgeResult> {
  const email = request.email?.trim().toLowerCase() || undefined
  const phone = request.phone ? lastTenDigits(request.phone) : undefined
  if (!email && !phone) return { leads: [], calls: 0, other: 0 }
  return db.transaction().execute(async (trx) => {
    const needles = [email, phone].filter((v): v is string => Boolean(v))
    const candidates = await trx
      .selectFrom('leads')
      .select(['id', 'fields_json', 'raw_json'])
      // LIKE's `_` may over-match an address with underscores; `matches` confirms each candidate.
      .where((eb) =>
        eb.or(
          needles.flatMap((n) => [
            eb(sql`lower(raw_json)`, 'like', `%${n}%`),
            eb(sql`lower(fields_json)`, 'like', `%${n}%`),
          ]),
        ),
      )
      .execute()
    const leads = candidates
      .filter((row) => matches(row.fields_json, row.raw_json, email, phone))
      .map((r) => r.id)
    for (const id of leads) await purgeLead(trx, id, now)
    const calls = await purgeCalls(trx, email, phone, now)
    await purgeDiallerContacts(trx, email, phone)
    const other = await purgeSideRecords(trx, needles, email, phone)
    // What was asked and how much was purged: never the email or phone themselves.
    const asked = { email: email !== undefined, phone: phone !== undefined }
    const purged = { leads: leads.length, calls, other }
    await writeAudit(
      trx,
      change,
      { resource: 'consumer', resourceId: null, before: asked, after: purged },
      now,
    )
    return { leads, calls, other }
  })
}

async function purgeLead(trx: Kysely<Database>, leadId: number, now: Date) {
  await trx
    .updateTable('leads')
    .set({
      raw_json: '{}',
      fields_json: '{}',
      ip: null,
      consent_json: null,
      return_url: null,
      outcome_json: null,
    })
    .where('id', '=', leadId)
    .execute()
  await trx.deleteFrom('lead_keys').where('lead_id', '=', leadId).execute()
  // A buyer's free-text return reason may quote the consumer ("Jane Doe says she never asked").
  await trx
    .updateTable('returns')
    .set({ reason: PURGED })
    .where('lead_id', '=', leadId)
    .where('reason', 'is not', null)
    .execute()
  await trx
    .updateTable('events')
    .set({ request_json: null, response_json: null, data_json: null })
    .where('lead_id', '=', leadId)
    .execute()
  const at = now.toISOString()
  await trx
    .insertInto('events')
    .values({
      id: randomBytes(12).toString('hex'),
      lead_id: leadId,
      kind: 'privacy',
      step: 'purge',
      outcome: 'success',
      reason: 'personal data purged by operator',
      started_at: at,
      finished_at: at,
      duration_ms: 0,
    })
    .execute()
}

/** Partial leads held by ping orders and async pings, and what the demo sandbox buyers received. */
async function purgeSideRecords(trx: Kysely<Database>, needles: string[], email?: string, phone?: string) {
  let purged = 0
  const like = (column: string) => (eb: any) =>
    eb.or(needles.map((n) => eb(sql`lower(${sql.ref(column)})`, 'like', `%${n}%`)))
  const orders = await trx
    .selectFrom('ping_orders')
    .select(['id', 'fields_json'])
    .where(like('fields_json'))
    .execute()
  for (const o of orders.filter((r) => matches(r.fields_json, '{}', email, phone))) {
    await trx.updateTable('ping_orders').set({ fields_json: '{}' }).where('id', '=', o.id).execute()
    purged++
  }
  const pings = await trx
    .selectFrom('ping_requests')
    .select(['id', 'request_json'])
    .where(like('request_json'))
    .execute()
  for (const p of pings.filter((r) => matches(r.request_json, '{}', email, phone))) {
    await trx
      .updateTable('ping_requests')
      .set({ request_json: '{}', response_json: null })
      .where('id', '=', p.id)
      .execute()
    purged++
  }
  const inbox = await trx
    .selectFrom('sandbox_inbox')
    .select(['id', 'request_json'])
    .where(like('request_json'))
    .execute()
  const inboxIds = inbox.filter((r) => matches(r.request_json, '{}', email, phone)).map((r) => r.id)
  if (inboxIds.length > 0) await trx.deleteFrom('sandbox_inbox').where('id', 'in', inboxIds).execute()
  return purged + inboxIds.length
}

async function purgeCalls(
  trx: Kysely<Database>,
  email: string | undefined,
  phone: string | undefined,
  now: Date,
) {
  const rows = await trx.selectFrom('calls').select(['id', 'email', 'mobile', 'other_phone']).execute()
  const ids = rows
    .filter(
      (c) =>
        (email && c.email?.toLowerCase() === email) ||
        (phone && [c.mobile, c.other_phone].some((p) => p && lastTenDigits(p) === phone)),
    )
    .map((c) => c.id)
  if (ids.length === 0) return 0
  await trx
    .updateTable('calls')
    .set({
      email: null,
      first_name: null,
      surname: null,
      mobile: null,
      other_phone: null,
      data_json: null,
      contact_key: PURGED,
      updated_at: now.toISOString(),
    })
    .where('id', 'in', ids)
    .execute()
  return ids.length
}

/**
 * The dialler's contact keys (normalized mobile, or email) remember who was already queued; a
 * purged key becomes a random placeholder, unique per row as the (campaign, key) index requires.
 */
async function purgeDiallerContacts(trx: Kysely<Database>, email?: string, phone?: string) {
  const rows = await trx.selectFrom('dialler_contacts').select(['id', 'contact_key']).execute()
  const hit = rows.filter(
    (r) =>
      (email && r.contact_key.toLowerCase() === email) ||
      (phone && /\d{10}/.test(r.contact_key.replace(/\D/g, '')) && lastTenDigits(r.contact_key) === phone),
  )
  for (const r of hit)
    await trx
      .updateTable('dialler_contacts')
      .set({ contact_key: `${PURGED}-${randomBytes(6).toString('hex')}` })
      .where('id', '=', r.id)
      .execute()
}

function matches(fieldsJson: string, rawJson: string, email?: string, phone?: string): boolean {
  const values: string[] = []
  collectStrings(safeParse(fieldsJson), values)
  collectStrings(safeParse(rawJson), values)
  return values.some(
    (v) =>
      (email !== undefined && v.trim().toLowerCase() === email) ||
      (phone !== undefined && /\d{10}/.test(v.replace(/\D/g, '')) && lastTenDigits(v) === phone),
  )
}

function collectStrings(value: unknown, out: string[]) {
  if (typeof value === 'string') out.push(value)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out)
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function lastTenDigits(value: string): string {
  return value.replace(/\D/g, '').slice(-10)
}

/** The ConsumerPurgeStore port (core/privacy/purge-consumer.ts) over one database. */
export function createConsumerPurgeStore(db: Kysely<Database>): ConsumerPurgeStore {
  return { purge: (request, change, now) => purgeConsumer(db, request, change, now) }
}
