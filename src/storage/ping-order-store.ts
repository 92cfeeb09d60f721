import type { Kysely } from 'kysely'
import type { HeldBid, PingOrderRecord } from '../core/distribution/distribution-ports.js'
import type { OrderCheck } from '../core/distribution/distributor.js'
import type { EventRecord } from '../core/events/event-record.js'
import { insertEvents } from './event-store.js'
import type { Database } from './schema.js'

export async function createPingOrder(
  db: Kysely<Database>,
  order: PingOrderRecord,
  events: readonly EventRecord[],
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ping_orders')
      .values({
        id: order.id,
        source_id: order.sourceId,
        lead_type_id: order.leadTypeId,
        estimated_price_cents: order.estimatedPriceCents,
        bids_json: JSON.stringify(order.bids),
        fields_json: JSON.stringify(order.fields),
        expires_at: order.expiresAt.toISOString(),
        created_at: now.toISOString(),
      })
      .execute()
    await insertEvents(trx, events)
  })
}

/**
 * Uses an order once. The conditional UPDATE (unused, this source, not expired) is the whole
 * check, so two posts racing with the same order id cannot both win: the second finds
 * `used_at` set. Only a refusal reads the row again, to say why.
 */
export async function usePingOrder(
  db: Kysely<Database>,
  orderId: string,
  sourceId: number,
  leadId: number,
  now: Date,
): Promise<OrderCheck> {
  const at = now.toISOString()
  const used = await db
    .updateTable('ping_orders')
    .set({ used_at: at, used_by_lead_id: leadId })
    .where('id', '=', orderId)
    .where('source_id', '=', sourceId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst()
  if (Number(used.numUpdatedRows) === 1) {
    await db.updateTable('leads').set({ order_id: orderId }).where('id', '=', leadId).execute()
    await linkPingEvents(db, orderId, leadId)
    return { ok: true }
  }
  const row = await db.selectFrom('ping_orders').selectAll().where('id', '=', orderId).executeTakeFirst()
  if (!row || row.source_id !== sourceId) return { ok: false, reason: 'Order not found' }
  if (row.used_at) return { ok: false, reason: 'Order already used' }
  return { ok: false, reason: 'Order expired' }
}

/** The winning pings join the trail of the lead that used the order. */
async function linkPingEvents(db: Kysely<Database>, orderId: string, leadId: number): Promise<void> {
  const row = await db
    .selectFrom('ping_orders')
    .select('bids_json')
    .where('id', '=', orderId)
    .executeTakeFirst()
  const ids = (JSON.parse(row?.bids_json ?? '[]') as HeldBid[]).flatMap((b) =>
    b.pingEventId ? [b.pingEventId] : [],
  )
  if (ids.length === 0) return
  await db
    .updateTable('events')
    .set({ lead_id: leadId })
    .where('id', 'in', ids)
    .where('lead_id', 'is', null)
    .execute()
}

/** The bids held for a lead posted with an order it used; null when it used none. */
export async function heldBidsFor(
  db: Kysely<Database>,
  orderId: string | null,
  leadId: number,
): Promise<HeldBid[] | null> {
  if (!orderId) return null
  const row = await db
    .selectFrom('ping_orders')
    .select('bids_json')
    .where('id', '=', orderId)
    .where('used_by_lead_id', '=', leadId)
    .executeTakeFirst()
  return row ? (JSON.parse(row.bids_json) as HeldBid[]) : null
}
