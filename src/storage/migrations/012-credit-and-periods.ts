import { type Kysely, sql } from 'kysely'
import type { StorageDialect } from '../dialects/dialect.js'

/**
 * Credit limits and closed accounting periods (docs/reports.md, "Credit limits", "Closed periods").
 *
 * `buyer_credit` holds, per buyer that ever had a limit set, the limit, the buyer's ledger balance
 * (kept by a row trigger on `ledger` in the writer's own transaction, like report_rollup) and the
 * cents reserved by sales in flight. A buyer without a row has no limit and costs a sale one
 * indexed no-op update (src/storage/reserve-credit.ts).
 *
 * `ledger.booked_on` is a row's accounting date (YYYY-MM-DD, UTC): its creation date, or the first
 * open day when that falls in a closed period. `accounting_books.open_from` is that first open day;
 * closing a period moves it forward, never back.
 */
export async function up(db: Kysely<any>, dialect: StorageDialect): Promise<void> {
  await db.schema
    .createTable('buyer_credit')
    .addColumn('buyer_id', 'integer', (c) => c.primaryKey())
    .addColumn('limit_cents', 'bigint')
    .addColumn('balance_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reserved_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await dialect.createRowTrigger(db, {
    name: 'buyer_credit_ledger_insert',
    table: 'ledger',
    event: 'insert',
    when: `NEW.account_kind = 'buyer'`,
    body: [
      'update buyer_credit set balance_cents = balance_cents + NEW.amount_cents where buyer_id = NEW.account_id',
    ],
  })
  await db.schema.alterTable('ledger').addColumn('booked_on', 'text').execute()
  await sql`update ledger set booked_on = substr(created_at, 1, 10)`.execute(db)
  await db.schema
    .createIndex('ledger_booked')
    .on('ledger')
    .columns(['account_kind', 'account_id', 'booked_on'])
    .execute()
  await db.schema
    .createTable('accounting_books')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('open_from', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute()
  await sql`insert into accounting_books (id, open_from) values (1, '0000-01-01')`.execute(db)
}
