import { type Kysely, sql } from 'kysely'
import { hashPassword, hashSecret, verifyPassword } from '../core/secrets.js'
import type { Database } from './schema.js'

/** A password hash no password matches (verifyPassword knows only `scrypt$…`). */
const RETIRED = 'retired-demo$'

/** Remembers a demo credential (by its secret's hash) or the demo source (by id). */
export async function markDemo(db: Kysely<Database>, kind: 'credential' | 'source', ref: string) {
  const stored = kind === 'credential' ? hashSecret(ref) : ref
  await db
    .insertInto('demo_marks')
    .values({ kind, ref: stored })
    .onConflict((oc) => oc.columns(['kind', 'ref']).doNothing())
    .execute()
}

/**
 * A start without --demo: every credential the demo world created is revoked and the demo
 * source's password stops matching anything, so `demo-admin-key`, `demo-dialler-key`, the demo
 * token and the password `demo` are refused by every check path, whoever wrote it (issue 12).
 * One transaction; running it again changes nothing.
 */
export async function retireDemoWorld(db: Kysely<Database>, demoPassword: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const credentials = trx.selectFrom('demo_marks').select('ref').where('kind', '=', 'credential')
    await trx
      .updateTable('credentials')
      .set({ revoked_at: now.toISOString() })
      .where('secret_hash', 'in', credentials)
      .where('revoked_at', 'is', null)
      .execute()
    const marked = trx.selectFrom('demo_marks').select('ref').where('kind', '=', 'source')
    const sources = await trx
      .selectFrom('sources')
      .select(['id', 'password_hash'])
      .where(sql<string>`cast(id as text)`, 'in', marked)
      .execute()
    // Only while it still holds the demo password: a password the operator set since is theirs.
    for (const source of sources) {
      if (!source.password_hash || !(await verifyPassword(demoPassword, source.password_hash))) continue
      await trx
        .updateTable('sources')
        .set({ password_hash: RETIRED, updated_at: now.toISOString() })
        .where('id', '=', source.id)
        .execute()
    }
  })
}

/** --demo again on the same data directory: the retired demo credentials work again. */
export async function restoreDemoWorld(
  db: Kysely<Database>,
  sourcePassword: string,
  now: Date,
): Promise<void> {
  const credentials = db.selectFrom('demo_marks').select('ref').where('kind', '=', 'credential')
  await db
    .updateTable('credentials')
    .set({ revoked_at: null })
    .where('secret_hash', 'in', credentials)
    .execute()
  await db
    .updateTable('sources')
    .set({ password_hash: await hashPassword(sourcePassword), updated_at: now.toISOString() })
    .where('password_hash', '=', RETIRED)
    .execute()
}
