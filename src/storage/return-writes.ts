import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type {
  NewReturn,
  OpenReturnResult,
  ReturnDecision,
  ReturnEffects,
  ReturnStatus,
  SaleContext,
} from '../core/feedback/feedback-store.js'
import { bookedOn } from './booking-date.js'
import { insertEvents } from './event-store.js'
import { enqueueJobs } from './job-store.js'
import type { Database } from './schema.js'
import { writeAudit } from './write-audit.js'

/**
 * Takes the lead's row lock for the rest of the transaction with a no-op update.
 *
 * Concurrency: every return write of a lead starts here, so on PostgreSQL returns and decisions of
 * one lead run one after the other (a second waits on the row lock, then reads the first one's
 * committed rows under READ COMMITTED), and "is any sale of this lead still sold?" is answered
 * without a race. SQLite has one writer at a time, so the update is only a cheap no-op there.
 * A plain UPDATE works on both databases, where SELECT … FOR UPDATE does not exist on SQLite.
 */
async function lockLead(trx: Transaction<Database>, leadId: number): Promise<void> {
  await trx
    .updateTable('leads')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('id', '=', leadId)
    .execute()
}

/**
 * Inserts the sale's return once. "Lead is Already in Return List" is the unique index on
 * returns.sale_id (001-initial), not a prior SELECT: with 20 concurrent duplicates every insert
 * but one meets the index. ON CONFLICT DO NOTHING (PostgreSQL ≥ 9.5, SQLite ≥ 3.24) turns that
 * into "no row returned" on both databases, without aborting the PostgreSQL transaction the way a
 * caught unique-violation (23505 / SQLITE_CONSTRAINT_UNIQUE) would.
 */
export async function openReturn(db: Kysely<Database>, req: NewReturn, now: Date): Promise<OpenReturnResult> {
  return db.transaction().execute(async (trx) => {
    await lockLead(trx, req.sale.leadId)
    if (req.rateGuard) {
      const refusal = req.rateGuard.refuse(await returnRateStats(trx, req.sale, req.rateGuard.since))
      if (refusal) return { kind: 'refused', reason: refusal }
    }
    const at = now.toISOString()
    const row = await trx
      .insertInto('returns')
      .values({
        sale_id: req.sale.saleId,
        lead_id: req.sale.leadId,
        buyer_id: req.sale.buyerId,
        contract_id: req.sale.contractId,
        status: req.status,
        reason_id: req.reasonId,
        reason: req.reason,
        denied_reason_id: req.deniedReasonId,
        channel: req.channel,
        event_id: req.event.id,
        created_at: at,
        decided_at: req.status === 'pending' ? null : at,
      })
      .onConflict((oc) => oc.column('sale_id').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) return { kind: 'duplicate', existing: await existingReturn(trx, req.sale.saleId) }
    await applyEffects(trx, req.sale, req.effects, now)
    await insertEvents(trx, [req.event])
    if (req.audit) {
      const after = {
        ...auditedSale(req.sale),
        status: req.status,
        reason_id: req.reasonId,
        channel: req.channel,
      }
      await writeAudit(trx, req.audit, { resource: 'return', resourceId: row.id, before: null, after }, now)
    }
    return { kind: 'created', returnId: row.id }
  })
}

/**
 * Decides a queued return with a conditional update (status = 'pending'): of two operators
 * deciding at once, exactly one changes the row and applies the effects; the other gets false.
 */
export async function decideReturn(db: Kysely<Database>, d: ReturnDecision, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockLead(trx, d.sale.leadId)
    const result = await trx
      .updateTable('returns')
      .set({ status: d.status, denied_reason_id: d.deniedReasonId, decided_at: now.toISOString() })
      .where('id', '=', d.returnId)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) return false
    await applyEffects(trx, d.sale, d.effects, now)
    await insertEvents(trx, [d.event])
    if (d.audit) {
      const before = { ...auditedSale(d.sale), status: 'pending' }
      const after = { ...auditedSale(d.sale), status: d.status, denied_reason_id: d.deniedReasonId }
      await writeAudit(trx, d.audit, { resource: 'return', resourceId: d.returnId, before, after }, now)
    }
    return true
  })
}

async function existingReturn(trx: Transaction<Database>, saleId: number) {
  const row = await trx
    .selectFrom('returns')
    .select(['id', 'status', 'reason'])
    .where('sale_id', '=', saleId)
    .executeTakeFirstOrThrow()
  return { id: row.id, status: row.status as ReturnStatus, reason: row.reason }
}

/** Counts for the return-rate cap, read after lockLead inside the writing transaction. */
async function returnRateStats(trx: Transaction<Database>, sale: SaleContext, since: Date) {
  const from = since.toISOString()
  const sales = await trx
    .selectFrom('sales')
    .select(sql<number>`count(*)`.as('n'))
    .where('contract_id', '=', sale.contractId)
    .where('buyer_id', '=', sale.buyerId)
    .where('created_at', '>=', from)
    .executeTakeFirstOrThrow()
  const returns = await trx
    .selectFrom('returns')
    .select(sql<number>`count(*)`.as('n'))
    .where('contract_id', '=', sale.contractId)
    .where('buyer_id', '=', sale.buyerId)
    .where('status', '<>', 'rejected')
    .where('created_at', '>=', from)
    .executeTakeFirstOrThrow()
  return { sales: Number(sales.n), returns: Number(returns.n) }
}

async function applyEffects(trx: Transaction<Database>, sale: SaleContext, fx: ReturnEffects, now: Date) {
  const at = now.toISOString()
  const entries = [...fx.ledger]
  if (fx.saleState) {
    await trx
      .updateTable('sales')
      .set({ state: fx.saleState })
      .where('id', '=', sale.saleId)
      .where('state', '=', 'sold')
      .execute()
    const leadReturned = await markLeadReturned(trx, sale.leadId)
    if (leadReturned && fx.chargeback) entries.push(fx.chargeback)
  }
  if (entries.length > 0 && !(await isTestLead(trx, sale.leadId))) {
    await trx
      .insertInto('ledger')
      .values(
        entries.map((e) => ({
          account_kind: e.accountKind,
          account_id: e.accountId,
          lead_id: sale.leadId,
          sale_id: sale.saleId,
          entry: e.entry,
          amount_cents: e.amountCents,
          memo: e.memo,
          created_at: at,
          booked_on: bookedOn(at),
        })),
      )
      .execute()
  }
  if (fx.replacement) await queueReplacement(trx, sale, at)
  await enqueueJobs(trx, fx.jobs, now)
}

/** A test lead's sale was never billed (record-sale.ts), so its return moves no money either. */
async function isTestLead(trx: Transaction<Database>, leadId: number): Promise<boolean> {
  const lead = await trx.selectFrom('leads').select('is_test').where('id', '=', leadId).executeTakeFirst()
  return lead?.is_test === 1
}

/**
 * The lead becomes `returned` when no sale of it is still `sold`; true when this call made that
 * change, so the source chargeback is written exactly once per lead (the lead row is locked).
 */
async function markLeadReturned(trx: Transaction<Database>, leadId: number): Promise<boolean> {
  const result = await trx
    .updateTable('leads')
    .set({ status: 'returned' })
    .where('id', '=', leadId)
    .where('status', '<>', 'returned')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('sales').select('id').where('lead_id', '=', leadId).where('state', '=', 'sold'),
        ),
      ),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** The distributor sells this buyer the next eligible lead of the type first, at no charge. */
async function queueReplacement(trx: Transaction<Database>, sale: SaleContext, at: string) {
  await trx
    .insertInto('replacements')
    .values({
      original_sale_id: sale.saleId,
      buyer_id: sale.buyerId,
      contract_id: sale.contractId,
      lead_type_id: sale.leadTypeId,
      fulfilled_sale_id: null,
      created_at: at,
      fulfilled_at: null,
    })
    .onConflict((oc) => oc.column('original_sale_id').doNothing())
    .execute()
}

/** The sale a return's audit row names (ids only: the return's free-text reason stays on the return). */
function auditedSale(sale: SaleContext) {
  return { lead_id: sale.leadId, sale_id: sale.saleId, buyer_id: sale.buyerId, contract_id: sale.contractId }
}
