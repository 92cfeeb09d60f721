import { type Kysely, sql } from 'kysely'
import type { MinuteCount, PostRateStore } from '../core/reports/post-rate.js'
import type { Database } from './schema.js'

/**
 * Leads per UTC minute of a range. `received_at` is ISO-8601 UTC text on both databases
 * (docs/architecture.md, "Decisions"), so its first 16 characters (`2026-11-29T23:05`) are the
 * minute: one range scan of the `leads_received` index, grouped in SQL, the same statement on
 * SQLite and PostgreSQL. A day at 100 posts/s is 8.6M rows, so the range is capped at a day.
 */
export function createPostRateStore(db: Kysely<Database>): PostRateStore {
  return {
    async countByMinute(from, to, includeTest) {
      const minute = sql<string>`substr(received_at, 1, 16)`
      let query = db
        .selectFrom('leads')
        .select([
          minute.as('minute'),
          sql<number>`count(*)`.as('posts'),
          sql<number>`sum(case when status in ('sold', 'returned') then 1 else 0 end)`.as('sold'),
          sql<number>`sum(case when status = 'rejected' then 1 else 0 end)`.as('rejected'),
        ])
        .where('received_at', '>=', from)
        .where('received_at', '<', to)
      if (!includeTest) query = query.where('is_test', '=', 0)
      const rows = await query.groupBy(minute).orderBy(minute).execute()
      return rows.map(
        (r): MinuteCount => ({
          minute: `${r.minute}:00.000Z`,
          posts: Number(r.posts),
          sold: Number(r.sold ?? 0),
          rejected: Number(r.rejected ?? 0),
        }),
      )
    },
  }
}
