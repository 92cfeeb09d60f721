import { type Kysely, sql } from 'kysely'
import type { Dimension, ReportQuery } from '../core/reports/report-query.js'
import type { ReportStore, RollupCell } from '../core/reports/report-store.js'
import type { Database } from './schema.js'

const COLUMN = {
  source: 'source_id',
  campaign: 'campaign_id',
  lead_type: 'lead_type_id',
  buyer: 'buyer_id',
  contract: 'contract_id',
  reason: 'reason',
  state: 'geo',
} as const satisfies Record<Dimension, string>

const NAME_TABLE = {
  source: 'sources',
  campaign: 'campaigns',
  lead_type: 'lead_types',
  buyer: 'buyers',
  contract: 'contracts',
} as const

/**
 * Reads the hourly rollup (migration 010): one range scan of the primary key, which starts with
 * `hour`, summed by hour, the asked dimensions, metric and reason. The shards and every other
 * dimension collapse here, so a 30-day report reads tens of thousands of rows at most, not the
 * leads (docs/reports.md, "How reports stay fast"; bench scenario 6 measures it).
 */
export async function rollupCells(db: Kysely<Database>, q: ReportQuery): Promise<RollupCell[]> {
  const dims = q.groupBy.filter((d) => d !== 'reason').map((d) => COLUMN[d])
  let query = db
    .selectFrom('report_rollup')
    .select(['hour', 'metric', 'reason', ...dims])
    .select([sql<number>`sum(n)`.as('n'), sql<number>`sum(amount_cents)`.as('amount')])
    .where('hour', '>=', q.fromHour)
    .where('hour', '<', q.toHour)
    .groupBy(['hour', 'metric', 'reason', ...dims])
  if (!q.includeTest) query = query.where('is_test', '=', 0)
  for (const [dimension, id] of Object.entries(q.filter)) {
    if (id !== undefined) query = query.where(COLUMN[dimension as keyof typeof q.filter], '=', id)
  }
  const rows = (await query.execute()) as Array<Record<string, string | number>>
  return rows.map((r) => ({
    hour: String(r.hour),
    metric: String(r.metric),
    reason: String(r.reason),
    n: Number(r.n),
    amountCents: Number(r.amount),
    dims: Object.fromEntries(
      q.groupBy.map((d) => [d, d === 'reason' ? r.reason : r[COLUMN[d]]]),
    ) as RollupCell['dims'],
  }))
}

export function createReportStore(db: Kysely<Database>): ReportStore {
  return {
    cells: (q) => rollupCells(db, q),
    async names(dimension, ids) {
      if (!(dimension in NAME_TABLE)) return new Map()
      const table = NAME_TABLE[dimension as keyof typeof NAME_TABLE]
      const rows = await db
        .selectFrom(table)
        .select(['id', 'name'])
        .where('id', 'in', [...ids])
        .execute()
      return new Map(rows.map((r) => [r.id, r.name]))
    },
  }
}
