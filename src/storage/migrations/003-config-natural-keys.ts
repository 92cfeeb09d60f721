import type { Kysely } from 'kysely'

/**
 * Buyer names and contract names (per buyer) are the natural keys leadflow.yaml uses, so they
 * must be unique; the database enforces it so concurrent API calls cannot create twins
 * (DESIGN.md, Storage: invariants live in the database).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('buyers_name').on('buyers').column('name').unique().execute()
  await db.schema
    .createIndex('contracts_buyer_name')
    .on('contracts')
    .columns(['buyer_id', 'name'])
    .unique()
    .execute()
}
