import { type Kysely, sql } from 'kysely'
import type { CreditLine, CreditStore } from '../core/money/credit-limits.js'
import type { StorageDialect } from './dialects/dialect.js'
import type { Database } from './schema.js'

type Row = { buyer_id: number; limit_cents: number | null; balance_cents: number; reserved_cents: number }

function line(r: Row): CreditLine {
  const limit = r.limit_cents === null ? null : Number(r.limit_cents)
  const balance = Number(r.balance_cents)
  const reserved = Number(r.reserved_cents)
  return {
    buyer_id: r.buyer_id,
    limit_cents: limit,
    balance_cents: balance,
    reserved_cents: reserved,
    available_cents: limit === null ? null : limit - balance - reserved,
  }
}

async function ledgerBalance(db: Kysely<Database>, buyerId: number): Promise<number> {
  const row = await db
    .selectFrom('ledger')
    .select(sql<number>`coalesce(sum(amount_cents), 0)`.as('cents'))
    .where('account_kind', '=', 'buyer')
    .where('account_id', '=', buyerId)
    .executeTakeFirstOrThrow()
  return Number(row.cents)
}

/**
 * Credit lines over buyer_credit. The first limit of a buyer creates its row with the balance
 * summed from the ledger — under the ledger write lock, so no sale commits between the sum and the
 * row existing (its trigger update would find no row and be lost). After that the ledger trigger
 * keeps the balance (migration 012); a removed limit keeps the row with a null limit.
 */
export function createCreditStore(storage: StorageDialect): CreditStore {
  const { db } = storage
  return {
    async setLimit(buyerId, limitCents, at) {
      return db.transaction().execute(async (trx) => {
        const buyer = await trx.selectFrom('buyers').select('id').where('id', '=', buyerId).executeTakeFirst()
        if (!buyer) return undefined
        const updated = await trx
          .updateTable('buyer_credit')
          .set({ limit_cents: limitCents, updated_at: at })
          .where('buyer_id', '=', buyerId)
          .returningAll()
          .executeTakeFirst()
        if (updated) return line(updated)
        await storage.lockLedgerWrites(trx)
        const balance = await ledgerBalance(trx, buyerId)
        const row = await trx
          .insertInto('buyer_credit')
          .values({
            buyer_id: buyerId,
            limit_cents: limitCents,
            balance_cents: balance,
            reserved_cents: 0,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        return line(row)
      })
    },
    async get(buyerId) {
      const buyer = await db.selectFrom('buyers').select('id').where('id', '=', buyerId).executeTakeFirst()
      if (!buyer) return undefined
      const row = await db
        .selectFrom('buyer_credit')
        .selectAll()
        .where('buyer_id', '=', buyerId)
        .executeTakeFirst()
      if (row) return line(row)
      return line({
        buyer_id: buyerId,
        limit_cents: null,
        balance_cents: await ledgerBalance(db, buyerId),
        reserved_cents: 0,
      })
    },
  }
}
