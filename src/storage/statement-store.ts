import { type Kysely, sql } from 'kysely'
import type { StatementStore } from '../core/money/statements.js'
import type { Database } from './schema.js'

const ACCOUNT_TABLE = { buyer: 'buyers', source: 'sources' } as const

/** Rows written before migration 012 by fixtures may lack booked_on: their creation day stands in. */
const BOOKED = sql<string>`coalesce(ledger.booked_on, substr(ledger.created_at, 1, 10))`

/** Statements read the ledger by account and booking date (index ledger_booked, migration 012). */
export function createStatementStore(db: Kysely<Database>): StatementStore {
  return {
    async accountName(kind, id) {
      const row = await db
        .selectFrom(ACCOUNT_TABLE[kind])
        .select('name')
        .where('id', '=', id)
        .executeTakeFirst()
      return row?.name
    },
    async balanceBefore(kind, id, day) {
      const row = await db
        .selectFrom('ledger')
        .select(sql<number>`coalesce(sum(amount_cents), 0)`.as('cents'))
        .where('account_kind', '=', kind)
        .where('account_id', '=', id)
        .where(BOOKED, '<', day)
        .executeTakeFirstOrThrow()
      return Number(row.cents)
    },
    async lines(kind, id, from, to) {
      const rows = await db
        .selectFrom('ledger')
        .leftJoin('sales', 'sales.id', 'ledger.sale_id')
        .select([
          'ledger.id',
          BOOKED.as('booked_on'),
          'ledger.created_at',
          'ledger.entry',
          'ledger.lead_id',
          'ledger.sale_id',
          'ledger.memo',
          'ledger.amount_cents',
          sql<number>`case when sales.replacement_for_sale_id is null then 0 else 1 end`.as('replacement'),
        ])
        .where('ledger.account_kind', '=', kind)
        .where('ledger.account_id', '=', id)
        .where(BOOKED, '>=', from)
        .where(BOOKED, '<', to)
        .orderBy(BOOKED)
        .orderBy('ledger.id')
        .execute()
      return rows.map((r) => ({
        ...r,
        amount_cents: Number(r.amount_cents),
        replacement: Number(r.replacement) === 1,
      }))
    },
  }
}
