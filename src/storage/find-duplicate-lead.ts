import type { Kysely } from 'kysely'
import type { DuplicateHit, KeyToStore } from '../core/intake/intake-store.js'
import type { Database } from './schema.js'

/**
 * The newest earlier lead sharing one of `keys` inside that rule's window. Each key is one range
 * scan of the `lead_keys_lookup` index (lead type, rule, hash, created_at), newest first, so the
 * cost does not grow with the table. Only accepted leads have keys (rejections store none, and
 * a lead rejected after the fact has its keys deleted), so a refused post never blocks a retry.
 * Two identical posts racing each other can both pass: the window rule is a business check,
 * not an invariant, and the second is still caught by the next post (docs/compat.md).
 */
export async function findDuplicateLead(
  db: Kysely<Database>,
  leadTypeId: number,
  sourceId: number,
  keys: readonly KeyToStore[],
  now: Date,
): Promise<DuplicateHit | undefined> {
  let best: DuplicateHit | undefined
  for (const key of keys) {
    const since = new Date(now.getTime() - key.windowDays * 86_400_000).toISOString()
    let query = db
      .selectFrom('lead_keys')
      .select(['lead_id', 'source_id', 'created_at'])
      .where('lead_type_id', '=', leadTypeId)
      .where('rule', '=', key.rule)
      .where('key_hash', '=', key.keyHash)
      .where('created_at', '>=', since)
    if (key.scope === 'source') query = query.where('source_id', '=', sourceId)
    const row = await query.orderBy('created_at', 'desc').limit(1).executeTakeFirst()
    if (row && (!best || row.created_at > best.receivedAt)) {
      best = { leadId: row.lead_id, sourceId: row.source_id, receivedAt: row.created_at }
    }
  }
  return best
}
