import type { Kysely } from 'kysely'

/**
 * Exact rotations (docs/distribution.md, "Rotations"). `rotation_groups` has one row per rotation
 * (a lead type's priority tier); taking a turn first upserts it, which on PostgreSQL locks it for
 * the rest of that short transaction, so turns of one rotation are given one at a time across
 * every node. `rotation_turns` counts the turns each contract has had (sales kept; a refusal gives
 * its turn back), which is all the rotation needs to know whose turn is next.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rotation_groups')
    .addColumn('group_key', 'text', (c) => c.primaryKey())
    .addColumn('turns', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('rotation_turns')
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('contract_id', 'integer', (c) => c.notNull())
    .addColumn('served', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rotation_turns_key', ['group_key', 'contract_id'])
    .execute()
}
