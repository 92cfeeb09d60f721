import type { Kysely } from 'kysely'
import type {
  DistributionContext,
  DistributionStore,
  ReplacementDue,
  SourceInfo,
} from '../core/distribution/distribution-ports.js'
import { leadTypeTerms } from '../core/distribution/lead-type-terms.js'
import { toFieldValues } from '../core/distribution/lead-view.js'
import { sourceTerms } from '../core/distribution/source-terms.js'
import type { Clock } from '../core/ports.js'
import { compiledOnce } from './compiled-once.js'
import { complianceFields } from './compliance-store.js'
import { recordDeliveryError, resetDeliveryErrors } from './contract-health.js'
import { loadContracts, parseJson } from './contract-rows.js'
import { insertEvents } from './event-store.js'
import { type GroupCommit, transactionPerUnit } from './group-commit.js'
import { enqueueJobs } from './job-store.js'
import { createPingOrder, heldBidsFor, usePingOrder } from './ping-order-store.js'
import { recordSale } from './record-sale.js'
import { releaseSale, reserveSale } from './reserve-sale.js'
import { saleRoomProblem } from './sale-room.js'
import type { Database } from './schema.js'
import { returnRotationTurn, takeRotationTurn } from './take-rotation-turn.js'

/** Lead states distribution may sell from (a QC hold, a rejection or a no-sell lead never). */
const DISTRIBUTABLE = ['accepted', 'unsold', 'sold']

// The reads of every distribution are compiled once (src/storage/compiled-once.ts): a waterfall
// post runs each of them once, and Kysely's building cost more than their indexed SQLite work.

export async function loadSource(db: Kysely<Database>, sourceId: number | null): Promise<SourceInfo> {
  const row =
    sourceId === null
      ? undefined
      : (
          await db.executeQuery(
            compiledOnce(
              db,
              'distribution-source',
              1,
              (db, [id]) => db.selectFrom('sources').selectAll().where('id', '=', id!),
              [sourceId],
            ),
          )
        ).rows[0]
  return { ...sourceTerms(parseJson(row?.settings_json, {})), id: row?.id ?? null, vid: row?.vid ?? null }
}

export async function loadLeadTypeTerms(db: Kysely<Database>, leadTypeId: number) {
  const query = compiledOnce(
    db,
    'distribution-lead-type',
    1,
    (db, [id]) => db.selectFrom('lead_types').select('settings_json').where('id', '=', id!),
    [leadTypeId],
  )
  const row = (await db.executeQuery(query)).rows[0]
  return row ? leadTypeTerms(parseJson(row.settings_json, {})) : null
}

async function loadSales(db: Kysely<Database>, leadId: number) {
  const query = compiledOnce(
    db,
    'distribution-sales',
    1,
    (db, [id]) =>
      db
        .selectFrom('sales')
        .innerJoin('contracts', 'contracts.id', 'sales.contract_id')
        .select(['sales.buyer_id', 'contracts.exclusive'])
        .where('sales.lead_id', '=', id!),
    [leadId],
  )
  return (await db.executeQuery(query)).rows
}

async function loadReplacements(db: Kysely<Database>, leadTypeId: number): Promise<ReplacementDue[]> {
  const query = compiledOnce(
    db,
    'distribution-replacements',
    1,
    (db, [id]) =>
      db
        .selectFrom('replacements')
        .select(['id', 'contract_id', 'buyer_id'])
        .where('lead_type_id', '=', id!)
        .where('fulfilled_sale_id', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .limit(50),
    [leadTypeId],
  )
  const rows = (await db.executeQuery(query)).rows
  return rows.map((r) => ({ id: r.id, contractId: r.contract_id, buyerId: r.buyer_id }))
}

export async function loadDistributionContext(
  db: Kysely<Database>,
  leadId: number,
  now: Date = new Date(),
): Promise<DistributionContext | null> {
  const query = compiledOnce(
    db,
    'distribution-lead',
    1,
    (db, [id]) => db.selectFrom('leads').selectAll().where('id', '=', id!),
    [leadId],
  )
  const lead = (await db.executeQuery(query)).rows[0]
  if (!lead || lead.lead_type_id === null || lead.no_sell === 1 || !DISTRIBUTABLE.includes(lead.status))
    return null
  const leadType = await loadLeadTypeTerms(db, lead.lead_type_id)
  if (!leadType) return null
  const [source, contracts, sales, heldBids, replacements, compliance] = await Promise.all([
    loadSource(db, lead.source_id),
    loadContracts(db, lead.lead_type_id),
    loadSales(db, lead.id),
    heldBidsFor(db, lead.order_id, lead.id),
    loadReplacements(db, lead.lead_type_id),
    complianceFields(db, lead.id, lead.received_at, now),
  ])
  return {
    lead: {
      id: lead.id,
      sourceId: lead.source_id,
      sourceVid: source.vid,
      leadTypeId: lead.lead_type_id,
      orderId: lead.order_id,
      // Compliance results join the fields, so contract filters can read them (docs/compliance.md).
      fields: { ...toFieldValues(parseJson(lead.fields_json, {})), ...compliance },
      isTest: lead.is_test === 1,
    },
    leadType,
    source,
    contracts,
    soldBuyerIds: sales.map((s) => s.buyer_id),
    exclusiveSold: sales.some((s) => s.exclusive === 1),
    heldBids,
    replacements,
  }
}

/**
 * The DistributionStore port over Kysely (both databases). Its transactions — reserve, sale,
 * release, finish — run through `writes`, the dialect's (StorageDialect.writes): on SQLite the
 * group commit that intake's posts share, so a job's steps and the posts arriving in the same
 * loop turn pay one COMMIT (docs/performance.md, round 4); on PostgreSQL one transaction each.
 */
export function createDistributionStore(
  db: Kysely<Database>,
  clock: Clock,
  writes: GroupCommit = transactionPerUnit(db),
): DistributionStore {
  return {
    loadContext: (leadId) => loadDistributionContext(db, leadId, clock.now()),
    async loadPingContext(sourceId, leadTypeId) {
      const leadType = await loadLeadTypeTerms(db, leadTypeId)
      if (!leadType) return null
      const [source, contracts] = await Promise.all([loadSource(db, sourceId), loadContracts(db, leadTypeId)])
      return { leadType, source, contracts }
    },
    reserve: (slots, buyerId, price) => reserveSale(writes, slots, buyerId, price),
    release: (slots, buyerId, creditHeld, price) => releaseSale(writes, slots, buyerId, creditHeld, price),
    checkRoom: (slots, buyerId, price) => saleRoomProblem(db, slots, buyerId, price),
    takeTurn: (group, candidates) => takeRotationTurn(db, group, candidates),
    returnTurn: (group, contractId) => returnRotationTurn(db, group, contractId),
    recordSale: (sale, events) => recordSale(writes, sale, events, clock.now()),
    recordDeliveryError: (contractId, pauseAfter, onPause) =>
      recordDeliveryError(db, contractId, pauseAfter, clock.now(), onPause),
    recordDeliveryAnswer: (contractId) => resetDeliveryErrors(db, contractId),
    insertEvents: (events) => insertEvents(db, events),
    async finishLead(finish) {
      const now = clock.now()
      await writes.run(async (trx) => {
        const finished = compiledOnce(
          trx,
          'distribution-finish-lead',
          3,
          (db, [status, processedAt, id]) =>
            db.updateTable('leads').set({ status, processed_at: processedAt }).where('id', '=', id!),
          [finish.sold ? 'sold' : 'unsold', now.toISOString(), finish.leadId],
        )
        await trx.executeQuery(finished)
        if (finish.redirectUrl) {
          await trx
            .updateTable('leads')
            .set({ redirect_url: finish.redirectUrl })
            .where('id', '=', finish.leadId)
            .where('redirect_url', 'is', null)
            .execute()
        }
        await insertEvents(trx, finish.events)
        await enqueueJobs(trx, finish.jobs, now)
      })
    },
    createOrder: (order, events) => createPingOrder(db, order, events, clock.now()),
    useOrder: (orderId, sourceId, leadId) => usePingOrder(db, orderId, sourceId, leadId, clock.now()),
  }
}
