import { type Kysely, sql } from 'kysely'
import type {
  BidRow,
  CapCounter,
  DeliveryRow,
  OpsReportStore,
  TimeRange,
} from '../core/reports/ops-report-store.js'
import { toContractInfo } from './contract-rows.js'
import type { StorageDialect } from './dialects/dialect.js'
import type { Database } from './schema.js'

const num = (v: unknown) => Number(v ?? 0)
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/**
 * The operating reports' reads (docs/reports.md, "Operating reports"). Bids and delivery health
 * are range scans of `events` on the (kind, started_at) index of migration 014, grouped in SQL;
 * latency percentiles are computed in SQL with window functions (ROW_NUMBER and COUNT over each
 * contract's durations, nearest rank), the same statement on SQLite and PostgreSQL, so no event
 * row is held in memory.
 */
/**
 * Test leads never count in reports (docs/distribution.md, "Test leads"): an event of a test lead
 * is left out by one primary-key probe of its lead. An inbound test ping whose order no post used
 * has no lead yet and still counts.
 */
const NOT_TEST = sql`not exists (select 1 from leads tl where tl.id = e.lead_id and tl.is_test = 1)`

export function createOpsReportStore(dialect: Pick<StorageDialect, 'db' | 'jsonText'>): OpsReportStore {
  const db: Kysely<Database> = dialect.db
  const bidCents = sql.raw(`cast(${dialect.jsonText('e.data_json', 'bidCents')} as integer)`)
  return {
    async activeContracts() {
      const rows = await db
        .selectFrom('contracts')
        .innerJoin('buyers', 'buyers.id', 'contracts.buyer_id')
        .selectAll('contracts')
        .select([
          'buyers.name as buyer_name',
          'buyers.status as buyer_status',
          'buyers.settings_json as buyer_settings',
        ])
        .where('contracts.status', '=', 'active')
        .orderBy('contracts.id')
        .execute()
      return rows.map(toContractInfo)
    },

    async activeSources() {
      const rows = await db
        .selectFrom('sources')
        .select(['id', 'name', 'settings_json'])
        .where('status', '=', 'active')
        .orderBy('id')
        .execute()
      return rows.map((r) => ({ id: r.id, name: r.name, settingsJson: r.settings_json }))
    },

    async capCounters(keys) {
      if (keys.length === 0) return []
      const subjects = [...new Set(keys.map((k) => k.subject))]
      const windows = [...new Set(keys.map((k) => k.window))]
      const wanted = new Set(keys.map((k) => `${k.subject}\u0000${k.window}`))
      const rows = await db
        .selectFrom('cap_counters')
        .select(['subject', 'window', 'count', 'spend_cents'])
        .where('subject', 'in', subjects)
        .where('window', 'in', windows)
        .execute()
      return rows
        .filter((r) => wanted.has(`${r.subject}\u0000${r.window}`))
        .map(
          (r): CapCounter => ({
            subject: r.subject,
            window: r.window,
            count: num(r.count),
            spendCents: num(r.spend_cents),
          }),
        )
    },

    async bids(range: TimeRange, buyerId?: number): Promise<BidRow[]> {
      const byBuyer = buyerId === undefined ? sql`` : sql`and e.buyer_id = ${buyerId}`
      const { rows } = await sql<Record<string, unknown>>`
        select e.buyer_id, b.name as buyer_name,
          count(*) as pings,
          sum(case when e.outcome = 'bid' then 1 else 0 end) as bids,
          sum(case when e.outcome = 'no_bid' then 1 else 0 end) as no_bids,
          sum(case when e.outcome = 'error' and coalesce(e.reason, '') not like 'timeout%' then 1 else 0 end) as errors,
          sum(case when e.outcome = 'error' and e.reason like 'timeout%' then 1 else 0 end) as timeouts,
          sum(case when e.outcome = 'bid' and exists (
            select 1 from sales s where s.lead_id = e.lead_id and s.buyer_id = e.buyer_id
          ) then 1 else 0 end) as wins,
          coalesce(sum(case when e.outcome = 'bid' then ${bidCents} end), 0) as bid_sum,
          max(case when e.outcome = 'bid' then ${bidCents} end) as best_bid
        from events e
        left join buyers b on b.id = e.buyer_id
        where e.kind = 'ping' and e.started_at >= ${range.from} and e.started_at < ${range.to}
          and e.buyer_id is not null ${byBuyer} and ${NOT_TEST}
        group by e.buyer_id, b.name
        order by e.buyer_id`.execute(db)
      return rows.map((r) => ({
        buyerId: num(r.buyer_id),
        buyerName: (r.buyer_name as string | null) ?? null,
        pings: num(r.pings),
        bids: num(r.bids),
        noBids: num(r.no_bids),
        errors: num(r.errors),
        timeouts: num(r.timeouts),
        wins: num(r.wins),
        bidCentsSum: num(r.bid_sum),
        bestBidCents: numOrNull(r.best_bid),
      }))
    },

    async deliveryHealth(range: TimeRange, contractId?: number): Promise<DeliveryRow[]> {
      const byContract = contractId === undefined ? sql`` : sql`and e.contract_id = ${contractId}`
      const posts = sql`e.kind = 'post' and e.started_at >= ${range.from} and e.started_at < ${range.to}
        and e.contract_id is not null ${byContract} and ${NOT_TEST}`
      const cause = (pattern: string) =>
        sql`sum(case when e.outcome = 'error' and e.reason like ${pattern} then 1 else 0 end)`
      const counts = await sql<Record<string, unknown>>`
        select e.contract_id, c.name as contract_name, c.buyer_id,
          count(*) as attempts,
          sum(case when e.outcome = 'accepted' then 1 else 0 end) as accepted,
          sum(case when e.outcome = 'rejected' then 1 else 0 end) as rejected,
          sum(case when e.outcome = 'error' then 1 else 0 end) as errors,
          ${cause('timeout%')} as e_timeout,
          ${cause('connection error%')} as e_connection,
          ${cause('HTTP 4%')} as e_http_4xx,
          ${cause('HTTP 5%')} as e_http_5xx,
          sum(case when e.outcome = 'error' and (e.reason like 'unparseable response%'
            or e.reason like 'unrecognized response%') then 1 else 0 end) as e_parse
        from events e
        left join contracts c on c.id = e.contract_id
        where ${posts}
        group by e.contract_id, c.name, c.buyer_id
        order by e.contract_id`.execute(db)
      const latency = await sql<Record<string, unknown>>`
        select contract_id,
          min(case when rn * 100 >= 50 * n then duration_ms end) as p50,
          min(case when rn * 100 >= 95 * n then duration_ms end) as p95,
          min(case when rn * 100 >= 99 * n then duration_ms end) as p99
        from (
          select e.contract_id, e.duration_ms,
            row_number() over (partition by e.contract_id order by e.duration_ms) as rn,
            count(*) over (partition by e.contract_id) as n
          from events e
          where ${posts} and e.duration_ms is not null
        ) ranked
        group by contract_id`.execute(db)
      const percentiles = new Map(latency.rows.map((r) => [num(r.contract_id), r]))
      return counts.rows.map((r) => {
        const p = percentiles.get(num(r.contract_id))
        const errors = num(r.errors)
        const known = {
          timeout: num(r.e_timeout),
          connection: num(r.e_connection),
          http_4xx: num(r.e_http_4xx),
          http_5xx: num(r.e_http_5xx),
          parse: num(r.e_parse),
        }
        const other = errors - Object.values(known).reduce((a, b) => a + b, 0)
        return {
          contractId: num(r.contract_id),
          contractName: (r.contract_name as string | null) ?? null,
          buyerId: numOrNull(r.buyer_id),
          attempts: num(r.attempts),
          accepted: num(r.accepted),
          rejected: num(r.rejected),
          errors,
          errorsByCause: { ...known, other },
          latencyP50Ms: numOrNull(p?.p50),
          latencyP95Ms: numOrNull(p?.p95),
          latencyP99Ms: numOrNull(p?.p99),
        }
      })
    },
  }
}
