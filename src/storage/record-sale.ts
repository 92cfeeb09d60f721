import type { Kysely } from 'kysely'
import type { SaleRecord } from '../core/distribution/distribution-ports.js'
import type { EventRecord } from '../core/events/event-record.js'
import { instantEvent } from '../core/events/event-record.js'
import { notificationJob } from '../core/webhooks/webhook-events.js'
import { bookedOnDay } from './booking-date.js'
import { compiledOnce } from './compiled-once.js'
import { resetDeliveryErrors } from './contract-health.js'
import { insertEvents } from './event-store.js'
import type { GroupCommit } from './group-commit.js'
import { enqueueJobs } from './job-store.js'
import { releaseCredit } from './reserve-credit.js'
import { saleNotices } from './sale-notices.js'
import type { Database } from './schema.js'

export type SaleResult = { ok: true; saleId: number } | { ok: false; reason: string }

/**
 * Records an accepted delivery in one transaction: the sale (the unique lead+buyer index is what
 * makes "never sell one lead to the same buyer twice" hold across concurrent distributions), the
 * buyer's debit and the source's earning in the ledger, the lead's totals, a fulfilled
 * replacement, and the events. Ledger invariant: buyer `sale` rows sum to sales.price_cents and
 * source `source_cost` rows to leads.cost_cents (test/distribution/ledger-balance.test.ts).
 * The transaction is a unit of `writes` (on SQLite its own savepoint in a shared commit).
 */
export async function recordSale(
  writes: GroupCommit,
  sale: SaleRecord,
  events: readonly EventRecord[],
  now: Date,
): Promise<SaleResult> {
  const at = now.toISOString()
  return writes.run(async (trx) => {
    const original = sale.replacementId
      ? await trx
          .selectFrom('replacements')
          .select('original_sale_id')
          .where('id', '=', sale.replacementId)
          .where('fulfilled_sale_id', 'is', null)
          .executeTakeFirst()
      : undefined
    if (sale.replacementId && !original)
      return { ok: false as const, reason: 'replacement already fulfilled' }
    const insert = compiledOnce(
      trx,
      'insert-sale',
      9,
      (db, [leadId, contractId, buyerId, eventId, price, buyerLeadId, redirectUrl, replaced, createdAt]) =>
        db
          .insertInto('sales')
          .values({
            lead_id: leadId!,
            contract_id: contractId!,
            buyer_id: buyerId!,
            event_id: eventId!,
            price_cents: price!,
            state: 'sold',
            buyer_lead_id: buyerLeadId,
            redirect_url: redirectUrl,
            replacement_for_sale_id: replaced,
            created_at: createdAt!,
          })
          .onConflict((oc) => oc.columns(['lead_id', 'buyer_id']).doNothing())
          .returning('id'),
      [
        sale.leadId,
        sale.contract.id,
        sale.contract.buyerId,
        sale.eventId,
        sale.priceCents,
        sale.buyerLeadId || null,
        sale.redirectUrl || null,
        original?.original_sale_id ?? null,
        at,
      ],
    )
    const row = (await trx.executeQuery(insert)).rows[0]
    if (!row) return { ok: false as const, reason: 'already sold to this buyer' }
    // A test lead's sale is kept for its trail but never billed: no ledger rows, no lead totals
    // (so balances, statements and the ledger invariants never see it; docs/distribution.md).
    if (!sale.isTest) await billSale(trx, sale, row.id, at)
    if (sale.replacementId) {
      await trx
        .updateTable('replacements')
        .set({ fulfilled_sale_id: row.id, fulfilled_at: at })
        .where('id', '=', sale.replacementId)
        .execute()
    }
    // An accepted delivery ends the contract's error streak, if it had one when loaded (as a
    // clear answer does: src/core/distribution/sell-to-contract.ts).
    if (sale.contract.consecutiveErrors !== 0) await resetDeliveryErrors(trx, sale.contract.id)
    await insertEvents(trx, [...events, saleEvent(sale, row.id, now)])
    const sold = sale.announce === false ? [] : [soldNotification(sale, row.id, now)]
    await enqueueJobs(trx, [...sold, ...(await saleNotices(trx, sale, now))], now)
    return { ok: true as const, saleId: row.id }
  })
}

async function billSale(trx: Kysely<Database>, sale: SaleRecord, saleId: number, at: string): Promise<void> {
  await writeLedger(trx, sale, saleId, at)
  await correctCapSpend(trx, sale)
  // The ledger row just written now counts in the buyer's balance: the reservation goes.
  if (sale.creditHeld) await releaseCredit(trx, sale.contract.buyerId, sale.reservedCents)
  const totals = compiledOnce(
    trx,
    'add-sale-to-lead',
    3,
    (db, [price, cost, id]) =>
      db
        .updateTable('leads')
        .set((eb) => ({
          price_cents: eb('price_cents', '+', price!),
          cost_cents: eb('cost_cents', '+', cost!),
        }))
        .where('id', '=', id!),
    [sale.priceCents, sale.sourcePriceCents, sale.leadId],
  )
  await trx.executeQuery(totals)
}

/**
 * A bid-priced contract may quote its price only in the post's answer; the slots were reserved at
 * the contract price, so their spend moves by the difference (in the sale's transaction).
 */
async function correctCapSpend(trx: Kysely<Database>, sale: SaleRecord): Promise<void> {
  const delta = sale.priceCents - sale.reservedCents
  if (delta === 0) return
  for (const slot of sale.capSlots) {
    await trx
      .updateTable('cap_counters')
      .set((eb) => ({ spend_cents: eb('spend_cents', '+', delta) }))
      .where('subject', '=', slot.subject)
      .where('window', '=', slot.window)
      .execute()
  }
}

async function writeLedger(
  trx: Kysely<Database>,
  sale: SaleRecord,
  saleId: number,
  at: string,
): Promise<void> {
  const memo = sale.replacementId
    ? `replacement ${sale.replacementId}`
    : `${sale.contract.buyerName}, contract ${sale.contract.id}`
  const rows = [
    {
      account_kind: 'buyer',
      account_id: sale.contract.buyerId,
      entry: 'sale',
      amount_cents: sale.priceCents,
    },
    ...(sale.sourceId === null
      ? []
      : [
          {
            account_kind: 'source',
            account_id: sale.sourceId,
            entry: 'source_cost',
            amount_cents: sale.sourcePriceCents,
          },
        ]),
  ]
  const width = LEDGER_COLUMNS.length
  const query = compiledOnce(
    trx,
    `insert-sale-ledger:${rows.length}`,
    rows.length * width,
    (db, slots) =>
      db.insertInto('ledger').values(
        rows.map((_, r) => ({
          ...Object.fromEntries(LEDGER_COLUMNS.map((c, i) => [c, slots[r * width + i]])),
          // The booking day is computed in the INSERT (booking-date.ts): its slot is the UTC day.
          booked_on: bookedOnDay(slots[r * width + width - 1]!),
        })) as never,
      ),
    rows.flatMap((r) => [
      r.account_kind,
      r.account_id,
      r.entry,
      r.amount_cents,
      sale.leadId,
      saleId,
      memo,
      at,
      at.slice(0, 10),
    ]),
  )
  await trx.executeQuery(query)
}

/** The ledger columns a sale writes, in the order `writeLedger` passes their values; the day last. */
const LEDGER_COLUMNS = [
  'account_kind',
  'account_id',
  'entry',
  'amount_cents',
  'lead_id',
  'sale_id',
  'memo',
  'created_at',
  'booked_on',
] as const

function saleEvent(sale: SaleRecord, saleId: number, at: Date): EventRecord {
  return instantEvent({
    leadId: sale.leadId,
    kind: 'sale',
    step: sale.replacementId ? 'replacement' : 'sold',
    contractId: sale.contract.id,
    buyerId: sale.contract.buyerId,
    sourceId: sale.sourceId,
    outcome: 'success',
    data: {
      saleId,
      postEventId: sale.eventId,
      priceCents: sale.priceCents,
      sourcePriceCents: sale.sourcePriceCents,
    },
    at,
  })
}

/** `lead.sold`, for webhooks, enqueued in the sale's transaction (no alert rule watches it). */
function soldNotification(sale: SaleRecord, saleId: number, at: Date) {
  return notificationJob(
    'lead.sold',
    {
      lead_id: sale.leadId,
      sale_id: saleId,
      buyer_id: sale.contract.buyerId,
      buyer_name: sale.contract.buyerName,
      contract_id: sale.contract.id,
      contract_name: sale.contract.name,
      source_id: sale.sourceId,
      price_cents: sale.priceCents,
      source_price_cents: sale.sourcePriceCents,
      buyer_lead_id: sale.buyerLeadId || null,
      replacement: sale.replacementId !== null,
    },
    { buyerId: sale.contract.buyerId, sourceId: sale.sourceId },
    at,
  )
}
