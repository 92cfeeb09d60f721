import { type Kysely, sql } from 'kysely'
import type { AlertConditionStore } from '../core/webhooks/alert-conditions.js'
import { closeAlertMark, openAlertMark } from './alert-marks.js'
import { enqueueJobs } from './job-store.js'
import type { Database } from './schema.js'
import { ruleOf } from './webhook-store.js'

/**
 * Leads and alert_marks for the condition rules (core/webhooks/alert-conditions.ts). The activity
 * query is one range scan per source of index `leads_source (source_id, received_at)`; the
 * newest lead is the top of the same index.
 */
export function createAlertConditionStore(db: Kysely<Database>): AlertConditionStore {
  return {
    async conditionRules(types) {
      const rows = await db
        .selectFrom('alert_rules')
        .selectAll()
        .where('event_type', 'in', [...types])
        .where('enabled', '=', 1)
        .orderBy('id')
        .execute()
      return rows.map(ruleOf)
    },
    async activity(sourceId, since) {
      let sources = db.selectFrom('sources').select(['id', 'name'])
      sources =
        sourceId === null ? sources.where('status', '=', 'active') : sources.where('id', '=', sourceId)
      const out = []
      for (const s of await sources.orderBy('id').execute()) {
        const counts = await db
          .selectFrom('leads')
          .select([
            sql<number>`count(*)`.as('leads'),
            sql<number>`sum(case when status = 'rejected' then 1 else 0 end)`.as('rejected'),
          ])
          .where('source_id', '=', s.id)
          .where('received_at', '>=', since.toISOString())
          .executeTakeFirst()
        const last = await db
          .selectFrom('leads')
          .select('received_at')
          .where('source_id', '=', s.id)
          .orderBy('received_at', 'desc')
          .limit(1)
          .executeTakeFirst()
        out.push({
          sourceId: s.id,
          sourceName: s.name,
          leads: Number(counts?.leads ?? 0),
          rejected: Number(counts?.rejected ?? 0),
          lastLeadAt: last?.received_at ?? null,
        })
      }
      return out
    },
    openEpisode: (key, jobs, now) =>
      db.transaction().execute(async (trx) => {
        if (!(await openAlertMark(trx, key, now.toISOString()))) return false
        await enqueueJobs(trx, jobs, now)
        return true
      }),
    closeEpisode: (key) => closeAlertMark(db, key),
  }
}
