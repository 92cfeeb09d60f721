import type { Kysely } from 'kysely'
import {
  CONSENT_AGE_FIELD,
  type ComplianceCheck,
  type ComplianceResult,
  complianceField,
  isComplianceCheck,
} from '../core/compliance/compliance-facts.js'
import type { ComplianceStore, ComplianceSubject } from '../core/compliance/compliance-ports.js'
import type { FieldValue } from '../core/distribution/lead-view.js'
import { compiledOnce } from './compiled-once.js'
import { parseJson } from './contract-rows.js'
import { insertEvents } from './event-store.js'
import { enqueueJobs } from './job-store.js'
import type { Database } from './schema.js'

/** Lead states the gate runs for: those distribution or re-distribution may sell from. */
const GATED = ['accepted', 'unsold', 'sold', 'returned']

interface FieldSpec {
  name?: string
  type?: string
}

function normalOf(fields: Record<string, any>, specs: FieldSpec[], type: string): string | null {
  const name = specs.find((f) => f.type === type)?.name
  const value = name ? fields[name]?.normal : undefined
  return typeof value === 'string' && value !== '' ? value : null
}

function consentTokens(consent: Record<string, any>) {
  const all = Object.values(consent)
  return {
    trustedformId: all.find((c) => c?.provider === 'trustedform')?.certificateId ?? null,
    jornayaToken: all.find((c) => c?.provider === 'jornaya')?.leadId ?? null,
  }
}

/** Checks the type's contracts (all but those switched off) name in `compliance_passed` filters. */
function contractChecks(rows: { filters_json: string }[]): ComplianceCheck[] {
  const out = new Set<ComplianceCheck>()
  for (const row of rows) {
    for (const f of parseJson<any[]>(row.filters_json, [])) {
      if (f?.op === 'compliance_passed' && isComplianceCheck(f.check)) out.add(f.check)
    }
  }
  return [...out]
}

export async function loadResults(db: Kysely<Database>, leadId: number): Promise<ComplianceResult[]> {
  // Compiled once (src/storage/compiled-once.ts): every distribution reads them.
  const query = compiledOnce(
    db,
    'lead-compliance-results',
    1,
    (db, [id]) => db.selectFrom('lead_compliance').selectAll().where('lead_id', '=', id!),
    [leadId],
  )
  const rows = (await db.executeQuery(query)).rows
  return rows
    .filter((r) => isComplianceCheck(r.check_name))
    .map((r) => ({
      check: r.check_name as ComplianceCheck,
      outcome: r.outcome as ComplianceResult['outcome'],
      reason: r.reason,
      data: parseJson(r.data_json, {}),
      checkedAt: new Date(r.checked_at),
    }))
}

/** Contracts of the type (all but those switched off) that name a check in a `compliance_passed` filter. */
function demandingContracts(db: Kysely<Database>, leadTypeId: number) {
  return db
    .selectFrom('contracts')
    .select('filters_json')
    .where('lead_type_id', '=', leadTypeId)
    .where('status', '<>', 'off')
    .where('filters_json', 'like', '%compliance_passed%')
}

/**
 * The lead, its type's settings and whether any contract demands a check, in one round trip; the
 * demanded checks and earlier results only when something asks for them, so the gate costs one
 * indexed read per distribution where no compliance is configured (the intake hot path).
 */
async function loadSubject(db: Kysely<Database>, leadId: number): Promise<ComplianceSubject | null> {
  // Compiled once (src/storage/compiled-once.ts): the gate runs before every distribution.
  const query = compiledOnce(
    db,
    'compliance-subject',
    1,
    (db, [id]) =>
      db
        .selectFrom('leads as l')
        .innerJoin('lead_types as t', 't.id', 'l.lead_type_id')
        .select((eb) => [
          'l.id',
          'l.source_id',
          'l.lead_type_id',
          'l.status',
          'l.no_sell',
          'l.received_at',
          'l.fields_json',
          'l.consent_json',
          't.fields_json as type_fields',
          't.settings_json as type_settings',
          eb.exists(demandingContracts(db, eb.ref('t.id') as never).select('contracts.id')).as('demanded'),
        ])
        .where('l.id', '=', id!),
    [leadId],
  )
  const lead = (await db.executeQuery(query)).rows[0]
  if (!lead || lead.no_sell === 1 || !GATED.includes(lead.status) || lead.lead_type_id === null) return null
  const settings = parseJson<Record<string, any>>(lead.type_settings, {}).compliance
  const demanded = Boolean(lead.demanded)
  const [contracts, done] =
    settings === undefined && !demanded
      ? [[], []]
      : await Promise.all([
          demanded ? demandingContracts(db, lead.lead_type_id).execute() : [],
          loadResults(db, leadId),
        ])
  const fields = parseJson<Record<string, any>>(lead.fields_json, {})
  const specs = parseJson<FieldSpec[]>(lead.type_fields, [])
  return {
    leadId,
    sourceId: lead.source_id,
    receivedAt: new Date(lead.received_at),
    phone: normalOf(fields, specs, 'phone'),
    email: normalOf(fields, specs, 'email'),
    ...consentTokens(parseJson<Record<string, any>>(lead.consent_json, {})),
    leadTypeSettings: settings,
    contractChecks: contractChecks(contracts),
    done,
  }
}

/**
 * A lead's compliance results as filter fields: `compliance.<check>` (the outcome),
 * `compliance.<check>.reason`, and `compliance.consent_age_days` (whole days since intake, or
 * since the TrustedForm certificate was made when that is earlier).
 */
export async function complianceFields(
  db: Kysely<Database>,
  leadId: number,
  receivedAt: string,
  now: Date,
): Promise<Record<string, FieldValue>> {
  const results = await loadResults(db, leadId)
  const out: Record<string, FieldValue> = {}
  const set = (name: string, value: unknown) => {
    out[name] = { raw: value, normal: value }
  }
  let consentAt = new Date(receivedAt).getTime()
  for (const r of results) {
    set(complianceField(r.check), r.outcome)
    if (r.reason) set(`${complianceField(r.check)}.reason`, r.reason)
    const created = r.check === 'trustedform' ? Date.parse(String(r.data.createdAt)) : Number.NaN
    if (created < consentAt) consentAt = created
  }
  set(CONSENT_AGE_FIELD, Math.floor((now.getTime() - consentAt) / 86_400_000))
  return out
}

/** The compliance port over Kysely (both databases). */
export function createComplianceStore(db: Kysely<Database>, clock: { now(): Date }): ComplianceStore {
  return {
    loadSubject: (leadId) => loadSubject(db, leadId),
    async record(leadId, results, events) {
      await db.transaction().execute(async (trx) => {
        if (results.length > 0)
          await trx
            .insertInto('lead_compliance')
            .values(
              results.map((r) => ({
                lead_id: leadId,
                check_name: r.check,
                outcome: r.outcome,
                reason: r.reason,
                data_json: JSON.stringify(r.data),
                checked_at: r.checkedAt.toISOString(),
              })),
            )
            // Two distributions of one lead at once: the first result recorded stands.
            .onConflict((oc) => oc.columns(['lead_id', 'check_name']).doNothing())
            .execute()
        await insertEvents(trx, events)
      })
    },
    async block({ leadId, reason, events, jobs }) {
      const now = clock.now()
      await db.transaction().execute(async (trx) => {
        // Only a fresh lead changes state; a returned or already sold lead keeps its status.
        await trx
          .updateTable('leads')
          .set({ status: 'unsold', processed_at: now.toISOString() })
          .where('id', '=', leadId)
          .where('status', '=', 'accepted')
          .execute()
        await trx
          .updateTable('leads')
          .set({ rejection_reason: reason })
          .where('id', '=', leadId)
          .where('status', '<>', 'sold')
          .execute()
        await insertEvents(trx, events)
        await enqueueJobs(trx, jobs, now)
      })
    },
  }
}
