import { type Kysely, sql } from 'kysely'
import type { AccountKind, LedgerEntry, LedgerFilter, LedgerStore } from '../core/money/ledger.js'
import { bookedOn } from './booking-date.js'
import type { Database } from './schema.js'

const ACCOUNT_TABLE = { buyer: 'buyers', source: 'sources' } as const

function filtered(db: Kysely<Database>, f: LedgerFilter) {
  let q = db.selectFrom('ledger').selectAll()
  if (f.accountKind) q = q.where('account_kind', '=', f.accountKind)
  if (f.accountId !== undefined) q = q.where('account_id', '=', f.accountId)
  if (f.entry) q = q.where('entry', '=', f.entry)
  if (f.leadId !== undefined) q = q.where('lead_id', '=', f.leadId)
  if (f.from) q = q.where('created_at', '>=', f.from)
  if (f.to) q = q.where('created_at', '<', f.to)
  return q
}

async function accountExists(db: Kysely<Database>, kind: AccountKind, id: number): Promise<boolean> {
  const row = await db.selectFrom(ACCOUNT_TABLE[kind]).select('id').where('id', '=', id).executeTakeFirst()
  return row !== undefined
}

class PeriodClosed extends Error {}

const view = (r: LedgerEntry): LedgerEntry => ({ ...r, amount_cents: Number(r.amount_cents) })

/**
 * The ledger over Kysely. Pages are keyset on id (rows are append-only, so ids order them as
 * written): the primary key serves the order, ledger_account / ledger_created the filters.
 */
export function createLedgerStore(db: Kysely<Database>): LedgerStore {
  return {
    async page(filter, limit, beforeId) {
      let q = filtered(db, filter).orderBy('id', 'desc').limit(limit)
      if (beforeId !== undefined) q = q.where('id', '<', beforeId)
      return (await q.execute()).map(view)
    },
    async append(e, at) {
      try {
        return await db.transaction().execute(async (trx) => {
          if (!(await accountExists(trx, e.accountKind, e.accountId))) return undefined
          // An explicit booking date is kept only while its period is open, decided in the INSERT
          // itself (booking-date.ts says why); null means closed, and the transaction is undone.
          const booked = e.bookedOn
            ? sql<string>`(select case when ${e.bookedOn} >= open_from then ${e.bookedOn} end from accounting_books where id = 1)`
            : bookedOn(at)
          const row = await trx
            .insertInto('ledger')
            .values({
              account_kind: e.accountKind,
              account_id: e.accountId,
              lead_id: null,
              sale_id: null,
              entry: e.entry,
              amount_cents: e.amountCents,
              memo: e.memo,
              created_at: at,
              booked_on: booked,
            })
            .returningAll()
            .executeTakeFirstOrThrow()
          if (row.booked_on === null) throw new PeriodClosed()
          return view(row)
        })
      } catch (error) {
        if (error instanceof PeriodClosed) return 'closed'
        throw error
      }
    },
    async sums(kind, id) {
      if (!(await accountExists(db, kind, id))) return undefined
      const rows = await db
        .selectFrom('ledger')
        .select(['entry', sql<number>`sum(amount_cents)`.as('cents')])
        .where('account_kind', '=', kind)
        .where('account_id', '=', id)
        .groupBy('entry')
        .execute()
      return Object.fromEntries(rows.map((r) => [r.entry, Number(r.cents)]))
    },
  }
}
