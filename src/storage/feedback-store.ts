import type { Kysely } from 'kysely'
import type { FeedbackStore, Reason } from '../core/feedback/feedback-store.js'
import type { Clock } from '../core/ports.js'
import { insertEvents } from './event-store.js'
import { saleContextQuery, toSaleContext } from './feedback-sales.js'
import { enqueueJobs } from './job-store.js'
import { decideReturn, openReturn } from './return-writes.js'
import type { Database } from './schema.js'

/** The feedback domain's storage port over Kysely (same code on SQLite and PostgreSQL). */
export function createFeedbackStore(db: Kysely<Database>, clock: Clock): FeedbackStore {
  return {
    async saleByEventId(eventId) {
      const row = await saleContextQuery(db).where('s.event_id', '=', eventId).executeTakeFirst()
      return row && toSaleContext(row)
    },
    async findLeadId(leadRef) {
      const ref = leadRef.trim()
      const query = db.selectFrom('leads').select('id')
      const byId = /^\d{1,15}$/.test(ref)
      const row = await (byId
        ? query.where('id', '=', Number(ref))
        : query.where('post_id', '=', ref)
      ).executeTakeFirst()
      return row?.id
    },
    async salesOfLead(leadId) {
      const rows = await saleContextQuery(db).where('s.lead_id', '=', leadId).orderBy('s.id').execute()
      return rows.map(toSaleContext)
    },
    async saleOfReturn(returnId) {
      const row = await saleContextQuery(db).where('r.id', '=', returnId).executeTakeFirst()
      return row && toSaleContext(row)
    },
    findReason: (kind, id) => reasonWhere(db, kind, (q) => q.where('id', '=', id)),
    findReasonByName: (kind, name) =>
      reasonWhere(db, kind, (q) =>
        q.where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase())),
      ),
    openReturn: (request) => openReturn(db, request, clock.now()),
    decideReturn: (decision) => decideReturn(db, decision, clock.now()),
    recordConversion: (conversion) => recordConversion(db, conversion, clock.now()),
    recordEvent: (event) => insertEvents(db, [event]),
  }
}

type ReasonQuery = ReturnType<typeof reasonBase>
const reasonBase = (db: Kysely<Database>, kind: string) =>
  db.selectFrom('reasons').selectAll().where('kind', '=', kind)

async function reasonWhere(
  db: Kysely<Database>,
  kind: Reason['kind'],
  where: (q: ReasonQuery) => ReasonQuery,
): Promise<Reason | undefined> {
  const row = await where(reasonBase(db, kind)).orderBy('id').executeTakeFirst()
  return row && { id: row.id, kind, name: row.name, active: row.active === 1 }
}

/**
 * One conversion per sale: the conditional update (converted_at IS NULL) lets exactly one of
 * several concurrent conversions through, and the conversions row commits with it.
 */
async function recordConversion(
  db: Kysely<Database>,
  c: Parameters<FeedbackStore['recordConversion']>[0],
  now: Date,
): Promise<boolean> {
  const at = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('sales')
      .set({ converted_at: at })
      .where('id', '=', c.sale.saleId)
      .where('converted_at', 'is', null)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) return false
    await trx
      .insertInto('conversions')
      .values({
        sale_id: c.sale.saleId,
        lead_id: c.sale.leadId,
        buyer_id: c.sale.buyerId,
        amount_cents: null,
        event_id: c.event.id,
        created_at: at,
      })
      .execute()
    await insertEvents(trx, [c.event])
    await enqueueJobs(trx, c.jobs, now)
    return true
  })
}
