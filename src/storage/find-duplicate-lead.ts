import type { Kysely } from 'kysely'
import type { DuplicateHit, KeyToStore } from '../core/intake/intake-store.js'
import { compiledOnce, type Slot } from './compiled-once.js'
import type { Database } from './schema.js'

/**
 * The newest earlier lead sharing one of `keys` inside that rule's window. Each key is one range
 * scan of the `lead_keys_lookup` index (lead type, rule, hash, created_at), newest first, so the
 * cost does not grow with the table (EXPLAIN QUERY PLAN: one `SEARCH … USING INDEX
 * lead_keys_lookup` per key, with 0 and with 100,000 stored leads). Only accepted leads have
 * keys (rejections store none, and a lead rejected after the fact has its keys deleted), so a
 * refused post never blocks a retry. Two identical posts racing each other can both pass: the
 * window rule is a business check, not an invariant, and the second is still caught by the next
 * post (docs/compat.md).
 *
 * All keys are probed in one statement (`union all` of one `limit 1` probe per key), compiled
 * once per shape: on SQLite every statement outside a transaction opens and closes its own read
 * transaction, and a probe cost about 30 µs of SQLite time plus about 20 µs of query building,
 * measured twice per post in bench scenario 1 (docs/performance.md). Being one read, it also
 * sees all keys at one snapshot.
 */
export async function findDuplicateLead(
  db: Kysely<Database>,
  leadTypeId: number,
  sourceId: number,
  keys: readonly KeyToStore[],
  now: Date,
): Promise<DuplicateHit | undefined> {
  if (keys.length === 0) return undefined
  const values: unknown[] = [leadTypeId, sourceId]
  for (const key of keys) {
    values.push(key.rule, key.keyHash, new Date(now.getTime() - key.windowDays * 86_400_000).toISOString())
  }
  const shape = keys.map((k) => (k.scope === 'source' ? 's' : 'a')).join('')
  const query = compiledOnce(
    db,
    `find-duplicate-lead:${shape}`,
    values.length,
    (db, slots) => probes(db, slots, shape),
    values,
  )
  const { rows } = await db.executeQuery(query)
  let best: DuplicateHit | undefined
  for (const row of rows) {
    if (!best || row.created_at > best.receivedAt) {
      best = { leadId: row.lead_id, sourceId: row.source_id, receivedAt: row.created_at }
    }
  }
  return best
}

/** slots: lead type, source, then rule, hash and window start for each key. */
function probes(db: Kysely<Database>, slots: readonly Slot[], shape: string) {
  const probe = (i: number) => {
    let query = db
      .selectFrom('lead_keys')
      .select(['lead_id', 'source_id', 'created_at'])
      .where('lead_type_id', '=', slots[0]!)
      .where('rule', '=', slots[2 + i * 3]!)
      .where('key_hash', '=', slots[3 + i * 3]!)
      .where('created_at', '>=', slots[4 + i * 3]!)
    if (shape[i] === 's') query = query.where('source_id', '=', slots[1]!)
    return db.selectFrom(query.orderBy('created_at', 'desc').limit(1).as(`k${i}`)).selectAll()
  }
  let all = probe(0)
  for (let i = 1; i < shape.length; i++) all = all.unionAll(probe(i))
  return all
}
