import { type Kysely, sql } from 'kysely'
import type { AuditChange } from '../core/accounts/account-stores.js'
import { toFieldValues } from '../core/distribution/lead-view.js'
import type {
  ClaimResult,
  LeadSelection,
  OfferClaim,
  OfferContext,
  RedistributionStore,
  RuleWrite,
} from '../core/redistribution/redistribution-ports.js'
import type {
  OfferStatus,
  RuleSpec,
  RuleTerms,
  RuleView,
} from '../core/redistribution/redistribution-rule.js'
import { complianceFields } from './compliance-store.js'
import { loadContracts, parseJson } from './contract-rows.js'
import { loadLeadTypeTerms, loadSource } from './distribution-store.js'
import { insertEvents } from './event-store.js'
import { enqueueJobs } from './job-store.js'
import type { Database } from './schema.js'
import { writeAudit } from './write-audit.js'

async function listRules(db: Kysely<Database>, id?: number): Promise<RuleView[]> {
  let query = db
    .selectFrom('redistribution_rules as r')
    .leftJoin('lead_types as t', 't.id', 'r.lead_type_id')
    .leftJoin('sources as s', 's.id', 'r.source_id')
    .selectAll('r')
    .select(['t.lid', 's.vid'])
    .orderBy('r.id')
  if (id !== undefined) query = query.where('r.id', '=', id)
  const rows = await query.execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    active: r.active === 1,
    lid: r.lid ?? null,
    vid: r.vid ?? null,
    statuses: parseJson<OfferStatus[]>(r.statuses_json, []),
    after_minutes: r.after_minutes,
    max_attempts: r.max_attempts,
    max_consent_age_days: r.max_consent_age_days,
    created_at: r.created_at,
    updated_at: r.updated_at,
  }))
}

async function resolveNaturalKeys(db: Kysely<Database>, keys: { lid?: number | null; vid?: number | null }) {
  const type = keys.lid
    ? await db.selectFrom('lead_types').select('id').where('lid', '=', keys.lid).executeTakeFirst()
    : undefined
  const source = keys.vid
    ? await db.selectFrom('sources').select('id').where('vid', '=', keys.vid).executeTakeFirst()
    : undefined
  const unknown = keys.lid && !type ? 'lid' : keys.vid && !source ? 'vid' : null
  return { leadTypeId: type?.id ?? null, sourceId: source?.id ?? null, unknown } as const
}

function ruleRow(rule: RuleSpec, ids: { leadTypeId: number | null; sourceId: number | null }, now: Date) {
  return {
    name: rule.name,
    active: rule.active ? 1 : 0,
    lead_type_id: ids.leadTypeId,
    source_id: ids.sourceId,
    statuses_json: JSON.stringify(rule.statuses),
    after_minutes: rule.after_minutes,
    max_attempts: rule.max_attempts,
    max_consent_age_days: rule.max_consent_age_days,
    updated_at: now.toISOString(),
  }
}

/** A taken name is answered by the unique name index (ON CONFLICT DO NOTHING), never a check first. */
async function createRule(
  db: Kysely<Database>,
  rule: RuleSpec,
  change: AuditChange,
  now: Date,
): Promise<RuleWrite> {
  const ids = await resolveNaturalKeys(db, rule)
  if (ids.unknown) return { ok: false, reason: ids.unknown === 'lid' ? 'unknown_lid' : 'unknown_vid' }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('redistribution_rules')
      .values({ ...ruleRow(rule, ids, now), created_at: now.toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) return { ok: false as const, reason: 'name_taken' as const }
    const after = { id: row.id, ...rule }
    await writeAudit(
      trx,
      change,
      { resource: 'redistribution_rule', resourceId: row.id, before: null, after },
      now,
    )
    return { ok: true as const, id: row.id }
  })
}

async function updateRule(
  db: Kysely<Database>,
  id: number,
  rule: RuleSpec,
  change: AuditChange,
  now: Date,
): Promise<RuleWrite> {
  const ids = await resolveNaturalKeys(db, rule)
  if (ids.unknown) return { ok: false, reason: ids.unknown === 'lid' ? 'unknown_lid' : 'unknown_vid' }
  const clash = await db
    .selectFrom('redistribution_rules')
    .select('id')
    .where('name', '=', rule.name)
    .where('id', '<>', id)
    .executeTakeFirst()
  if (clash) return { ok: false, reason: 'name_taken' }
  return db.transaction().execute(async (trx) => {
    const [before] = await listRules(trx, id)
    if (!before) return { ok: false as const, reason: 'not_found' as const }
    await trx
      .updateTable('redistribution_rules')
      .set(ruleRow(rule, ids, now))
      .where('id', '=', id)
      .execute()
    await writeAudit(
      trx,
      change,
      { resource: 'redistribution_rule', resourceId: id, before, after: { id, ...rule } },
      now,
    )
    return { ok: true as const, id }
  })
}

async function deleteRule(
  db: Kysely<Database>,
  id: number,
  change: AuditChange,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const [before] = await listRules(trx, id)
    if (!before) return false
    await trx.deleteFrom('redistribution_rules').where('id', '=', id).execute()
    await writeAudit(
      trx,
      change,
      { resource: 'redistribution_rule', resourceId: id, before, after: null },
      now,
    )
    return true
  })
}

async function activeRules(db: Kysely<Database>): Promise<RuleTerms[]> {
  const rows = await db
    .selectFrom('redistribution_rules')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    leadTypeId: r.lead_type_id,
    sourceId: r.source_id,
    statuses: parseJson<OfferStatus[]>(r.statuses_json, []),
    afterMinutes: r.after_minutes,
    maxAttempts: r.max_attempts,
    maxConsentAgeDays: r.max_consent_age_days,
  }))
}

/** The lead selection both the sweep and an operator's filter start from. */
function offerable(db: Kysely<Database>, statuses: readonly string[]) {
  return db
    .selectFrom('leads as l')
    .leftJoin('lead_offers as o', 'o.lead_id', 'l.id')
    .select(['l.id as leadId', (eb) => eb.fn.coalesce('o.attempts', sql<number>`0`).as('attempts')])
    .where('l.status', 'in', statuses.length ? [...statuses] : ['unsold'])
    .where('l.no_sell', '=', 0)
    .where('l.lead_type_id', 'is not', null)
}

/**
 * Leads a rule may offer now: in its statuses, type and source; consent not too old; fewer offers
 * than the rule allows; and quiet for `after_minutes` — since the last offer, else since the last
 * decided return, else since distribution finished. Uses leads (status, received_at).
 */
async function dueLeads(db: Kysely<Database>, rule: RuleTerms, now: Date, limit: number) {
  const quietSince = new Date(now.getTime() - rule.afterMinutes * 60_000).toISOString()
  let query = offerable(db, rule.statuses)
    .where((eb) => eb(eb.fn.coalesce('o.attempts', sql<number>`0`), '<', rule.maxAttempts))
    .where(
      (eb) =>
        eb.fn.coalesce(
          'o.last_offered_at',
          eb
            .selectFrom('returns as r')
            .select((r) => r.fn.max('r.decided_at').as('d'))
            .whereRef('r.lead_id', '=', 'l.id'),
          'l.processed_at',
          'l.received_at',
        ),
      '<=',
      quietSince,
    )
  if (rule.leadTypeId !== null) query = query.where('l.lead_type_id', '=', rule.leadTypeId)
  if (rule.sourceId !== null) query = query.where('l.source_id', '=', rule.sourceId)
  if (rule.maxConsentAgeDays !== null)
    query = query.where(
      'l.received_at',
      '>=',
      new Date(now.getTime() - rule.maxConsentAgeDays * 86_400_000).toISOString(),
    )
  const rows = await query.orderBy('l.received_at').orderBy('l.id').limit(limit).execute()
  return rows.map((r) => ({ leadId: r.leadId, attempts: Number(r.attempts) }))
}

async function selectLeads(db: Kysely<Database>, s: LeadSelection) {
  let query = offerable(db, s.statuses)
  if (s.leadTypeId) query = query.where('l.lead_type_id', '=', s.leadTypeId)
  if (s.sourceId) query = query.where('l.source_id', '=', s.sourceId)
  if (s.receivedFrom) query = query.where('l.received_at', '>=', s.receivedFrom.toISOString())
  if (s.receivedTo) query = query.where('l.received_at', '<', s.receivedTo.toISOString())
  const rows = await query.orderBy('l.received_at').orderBy('l.id').limit(s.limit).execute()
  return rows.map((r) => ({ leadId: r.leadId, attempts: Number(r.attempts) }))
}

/**
 * Counts one offer in one conditional upsert: the first offer inserts attempt 1; a later one
 * increments only while the rule's limit and quiet time allow (`ON CONFLICT … DO UPDATE … WHERE`,
 * both databases), so two nodes offering one lead at once cannot both pass the limit. The lead's
 * status is read in the same transaction.
 */
async function claimOffer(
  db: Kysely<Database>,
  leadId: number,
  claim: OfferClaim,
  now: Date,
): Promise<ClaimResult> {
  return db.transaction().execute(async (trx) => {
    const lead = await trx
      .selectFrom('leads')
      .select(['status', 'no_sell'])
      .where('id', '=', leadId)
      .executeTakeFirst()
    if (!lead) return { ok: false as const, reason: 'no such lead' }
    if (lead.no_sell === 1) return { ok: false as const, reason: 'lead is marked no-sell' }
    if (!claim.statuses.includes(lead.status as OfferStatus))
      return { ok: false as const, reason: `lead is ${lead.status}, not ${claim.statuses.join(' or ')}` }
    if (claim.maxAttempts !== null && claim.maxAttempts < 1)
      return { ok: false as const, reason: 'no attempts allowed' }
    const row = await trx
      .insertInto('lead_offers')
      .values({
        lead_id: leadId,
        attempts: 1,
        last_offered_at: now.toISOString(),
        last_rule_id: claim.ruleId,
      })
      .onConflict((oc) => {
        let update = oc.column('lead_id').doUpdateSet((eb) => ({
          attempts: eb(eb.ref('lead_offers.attempts'), '+', 1),
          last_offered_at: eb.ref('excluded.last_offered_at'),
          last_rule_id: eb.ref('excluded.last_rule_id'),
        }))
        if (claim.maxAttempts !== null) update = update.where('lead_offers.attempts', '<', claim.maxAttempts)
        if (claim.lastOfferBefore)
          update = update.where('lead_offers.last_offered_at', '<=', claim.lastOfferBefore.toISOString())
        return update
      })
      .returning('attempts')
      .executeTakeFirst()
    if (!row) return { ok: false as const, reason: 'attempt limit reached or offered too recently' }
    return { ok: true as const, attempt: Number(row.attempts) }
  })
}

/** Standing sales count toward max sends and exclusivity; every past buyer is kept out. */
async function loadOffer(db: Kysely<Database>, leadId: number, now: Date): Promise<OfferContext | null> {
  const lead = await db.selectFrom('leads').selectAll().where('id', '=', leadId).executeTakeFirst()
  if (!lead || lead.lead_type_id === null) return null
  const leadType = await loadLeadTypeTerms(db, lead.lead_type_id)
  if (!leadType) return null
  const [source, contracts, sales, duplicates, compliance] = await Promise.all([
    loadSource(db, lead.source_id),
    loadContracts(db, lead.lead_type_id),
    db
      .selectFrom('sales')
      .innerJoin('contracts', 'contracts.id', 'sales.contract_id')
      .select(['sales.buyer_id', 'sales.state', 'contracts.exclusive'])
      .where('sales.lead_id', '=', leadId)
      .execute(),
    duplicateBuyers(db, leadId),
    complianceFields(db, leadId, lead.received_at, now),
  ])
  const standing = sales.filter((s) => s.state === 'sold')
  return {
    ctx: {
      lead: {
        id: lead.id,
        sourceId: lead.source_id,
        sourceVid: source.vid,
        leadTypeId: lead.lead_type_id,
        orderId: lead.order_id,
        fields: { ...toFieldValues(parseJson(lead.fields_json, {})), ...compliance },
      },
      leadType,
      source,
      contracts,
      soldBuyerIds: standing.map((s) => s.buyer_id),
      exclusiveSold: standing.some((s) => s.exclusive === 1),
      heldBids: null,
      replacements: [],
    },
    status: lead.status,
    receivedAt: new Date(lead.received_at),
    pastBuyerIds: sales.filter((s) => s.state !== 'sold').map((s) => s.buyer_id),
    duplicateBuyerIds: duplicates,
  }
}

/** Buyers who bought another lead sharing one of this lead's duplicate keys (lead_keys_lookup). */
async function duplicateBuyers(db: Kysely<Database>, leadId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('lead_keys as mine')
    .innerJoin('lead_keys as other', (join) =>
      join
        .onRef('other.lead_type_id', '=', 'mine.lead_type_id')
        .onRef('other.rule', '=', 'mine.rule')
        .onRef('other.key_hash', '=', 'mine.key_hash')
        .onRef('other.lead_id', '<>', 'mine.lead_id'),
    )
    .innerJoin('sales as s', 's.lead_id', 'other.lead_id')
    .select('s.buyer_id')
    .distinct()
    .where('mine.lead_id', '=', leadId)
    .execute()
  return rows.map((r) => r.buyer_id)
}

/** The re-distribution port over Kysely (both databases). */
export function createRedistributionStore(db: Kysely<Database>, clock: { now(): Date }): RedistributionStore {
  return {
    listRules: (id) => listRules(db, id),
    activeRules: () => activeRules(db),
    createRule: (rule, change, now) => createRule(db, rule, change, now),
    updateRule: (id, rule, change, now) => updateRule(db, id, rule, change, now),
    deleteRule: (id, change, now) => deleteRule(db, id, change, now),
    dueLeads: (rule, now, limit) => dueLeads(db, rule, now, limit),
    selectLeads: (selection) => selectLeads(db, selection),
    resolveNaturalKeys: (keys) => resolveNaturalKeys(db, keys),
    claimOffer: (leadId, claim, now) => claimOffer(db, leadId, claim, now),
    loadOffer: (leadId) => loadOffer(db, leadId, clock.now()),
    async finishOffer(finish) {
      const now = clock.now()
      await db.transaction().execute(async (trx) => {
        if (finish.sold)
          await trx
            .updateTable('leads')
            .set({ status: 'sold', processed_at: now.toISOString() })
            .where('id', '=', finish.leadId)
            .execute()
        if (finish.redirectUrl)
          await trx
            .updateTable('leads')
            .set({ redirect_url: finish.redirectUrl })
            .where('id', '=', finish.leadId)
            .where('redirect_url', 'is', null)
            .execute()
        await trx
          .updateTable('lead_offers')
          .set({ last_outcome: finish.outcome })
          .where('lead_id', '=', finish.leadId)
          .execute()
        await insertEvents(trx, finish.events)
        await enqueueJobs(trx, finish.jobs, now)
      })
    },
    enqueue: (jobs) => enqueueJobs(db, jobs, clock.now()),
  }
}
