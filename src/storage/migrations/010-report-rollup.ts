import { type Kysely, sql } from 'kysely'
import type { StorageDialect } from '../dialects/dialect.js'

/**
 * Report rollups kept by the database itself (docs/reports.md, "How reports stay fast").
 *
 * `report_rollup` holds one row per UTC hour × metric × reason × dimensions (source, campaign,
 * lead type, the lead's state, buyer, contract, test flag) × shard, with a count and a sum of
 * cents. Row triggers on leads, sales, returns, conversions and ledger add to it in the writer's
 * own transaction, so every writer (intake, distribution, feedback, QC, the CLI, a bench prefill,
 * a test fixture) keeps it exact without knowing it exists, and a report reads a few thousand
 * rows instead of a million leads. A lead's status change moves its count from the old status's
 * row to the new one, so lead measures always show current statuses.
 *
 * Concurrency: the upsert adds under the row lock (PostgreSQL) or the one writer (SQLite);
 * `shard` (the lead id modulo 8) spreads concurrent intake transactions of one source over eight
 * rows, so on PostgreSQL they do not queue on a single hot row until each other's commit.
 */
const KEY =
  'hour, metric, reason, source_id, campaign_id, lead_type_id, geo, buyer_id, contract_id, is_test, shard'
const SHARDS = 8

/** `r` is the row alias: NEW / OLD in a trigger, `x` in the backfill. */
type RowSelect = (r: string, geo: (column: string) => string) => string

const upsert = (select: string) =>
  `insert into report_rollup (${KEY}, n, amount_cents) ${select} ` +
  `on conflict (${KEY}) do update set n = report_rollup.n + excluded.n, ` +
  'amount_cents = report_rollup.amount_cents + excluded.amount_cents'

const leadReason = (r: string) =>
  `case when ${r}.status = 'rejected' then coalesce(${r}.response_type, '') else '' end`

const leadDims = (r: string, geo: (c: string) => string) =>
  `coalesce(${r}.source_id, 0), coalesce(${r}.campaign_id, 0), coalesce(${r}.lead_type_id, 0), ${geo(`${r}.fields_json`)}`

/** One lead counted under its status (sign +1 or -1). */
const leadRow =
  (sign: 1 | -1, metric = (r: string) => `'lead:' || ${r}.status`): RowSelect =>
  (r, geo) =>
    `select substr(${r}.received_at, 1, 13), ${metric(r)}, ${leadReason(r)}, ${leadDims(r, geo)}, 0, 0, ` +
    `${r}.is_test, ${r}.id % ${SHARDS}, ${sign}, 0`

const heldRow: RowSelect = (r, geo) =>
  `select substr(${r}.received_at, 1, 13), 'held_qc', '', ${leadDims(r, geo)}, 0, 0, ${r}.is_test, ` +
  `${r}.id % ${SHARDS}, 1, 0`

const saleRow: RowSelect = (r, geo) =>
  `select substr(${r}.created_at, 1, 13), ` +
  `case when ${r}.replacement_for_sale_id is null then 'sale' else 'replacement' end, '', ` +
  `${leadDims('l', geo)}, ${r}.buyer_id, ${r}.contract_id, l.is_test, ${r}.lead_id % ${SHARDS}, 1, ${r}.price_cents ` +
  `from leads l where l.id = ${r}.lead_id`

const returnRow =
  (metric: (r: string) => string, at: (r: string) => string): RowSelect =>
  (r, geo) =>
    // The reason dimension is the return reason's id, never the buyer's free text: that may name the
    // consumer, and a rollup row outlives the privacy purge (test/storage/purge-scan.test.ts).
    `select substr(${at(r)}, 1, 13), ${metric(r)}, coalesce(cast(${r}.reason_id as text), ''), ${leadDims('l', geo)}, ` +
    `${r}.buyer_id, ${r}.contract_id, l.is_test, ${r}.lead_id % ${SHARDS}, 1, 0 from leads l where l.id = ${r}.lead_id`

const requestedRow = returnRow(
  () => `'return:requested'`,
  (r) => `${r}.created_at`,
)
const decidedRow = returnRow(
  (r) => `'return:' || ${r}.status`,
  (r) => `coalesce(${r}.decided_at, ${r}.created_at)`,
)

const conversionRow: RowSelect = (r, geo) =>
  `select substr(${r}.created_at, 1, 13), 'conversion', '', ${leadDims('l', geo)}, ${r}.buyer_id, ` +
  `coalesce(s.contract_id, 0), l.is_test, ${r}.lead_id % ${SHARDS}, 1, coalesce(${r}.amount_cents, 0) ` +
  `from leads l left join sales s on s.id = ${r}.sale_id where l.id = ${r}.lead_id`

/** A ledger row under `ledger:<account kind>:<entry>`; without a lead, the account is the dimension. */
const ledgerRow: RowSelect = (r, geo) =>
  `select substr(${r}.created_at, 1, 13), 'ledger:' || ${r}.account_kind || ':' || ${r}.entry, '', ` +
  `coalesce(l.source_id, case when ${r}.account_kind = 'source' then ${r}.account_id end, 0), ` +
  `coalesce(l.campaign_id, 0), coalesce(l.lead_type_id, 0), ` +
  `case when l.id is null then '' else ${geo('l.fields_json')} end, ` +
  `coalesce(s.buyer_id, case when ${r}.account_kind = 'buyer' then ${r}.account_id end, 0), ` +
  `coalesce(s.contract_id, 0), coalesce(l.is_test, 0), coalesce(${r}.lead_id, ${r}.account_id) % ${SHARDS}, 1, ` +
  `${r}.amount_cents from (select 1 as one) one left join leads l on l.id = ${r}.lead_id ` +
  `left join sales s on s.id = ${r}.sale_id`

const LEAD_DIMS_CHANGED = ['status', 'response_type', 'source_id', 'campaign_id', 'lead_type_id']
  .map((c) => `coalesce(OLD.${c}, '0') <> coalesce(NEW.${c}, '0')`)
  .concat([
    'OLD.is_test <> NEW.is_test',
    'OLD.received_at <> NEW.received_at',
    'OLD.fields_json <> NEW.fields_json',
  ])
  .join(' or ')

export async function up(db: Kysely<any>, dialect: StorageDialect): Promise<void> {
  await db.schema
    .createTable('report_rollup')
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('lead_type_id', 'integer', (c) => c.notNull())
    .addColumn('geo', 'text', (c) => c.notNull())
    .addColumn('buyer_id', 'integer', (c) => c.notNull())
    .addColumn('contract_id', 'integer', (c) => c.notNull())
    .addColumn('is_test', 'integer', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_rollup_key', KEY.split(', ') as never)
    .execute()
  await db.schema.createIndex('ledger_created').on('ledger').columns(['created_at', 'id']).execute()

  await dialect.createJsonText(db)
  const geo = (column: string) =>
    `coalesce(upper(substr(coalesce(${dialect.jsonText(column, 'State')}, ${dialect.jsonText(column, 'state')}), 1, 40)), '')`
  await fillReportRollup(db, dialect, geo)
}

/** The lead's state as a rollup dimension: an SQL expression over a `fields_json` column. */
export type GeoExpression = (column: string) => string

/**
 * Sums every stored row into `report_rollup` and installs the triggers that keep it exact from
 * then on (the table must be empty and the triggers absent). Migration 021 runs it again with
 * the corrected state expression.
 */
export async function fillReportRollup(
  db: Kysely<any>,
  dialect: StorageDialect,
  geo: GeoExpression,
): Promise<void> {
  await backfill(db, geo)
  for (const [name, table, event, when, body] of rollupTriggers(geo))
    await dialect.createRowTrigger(db, { name, table, event, when, body })
}

/** The names and tables of the rollup triggers, so a later migration can drop them. */
export function rollupTriggerTables(): Array<[name: string, table: string]> {
  return rollupTriggers(() => "''").map(([name, table]) => [name, table])
}

function rollupTriggers(geo: GeoExpression): Array<[string, string, 'insert' | 'update', string, string[]]> {
  return [
    [
      'rollup_lead_insert',
      'leads',
      'insert',
      'true',
      [
        upsert(`${leadRow(1)('NEW', geo)} where true`),
        upsert(`${heldRow('NEW', geo)} where NEW.status = 'pending_qc'`),
      ],
    ],
    [
      'rollup_lead_update',
      'leads',
      'update',
      `(${LEAD_DIMS_CHANGED})`,
      [
        upsert(`${leadRow(-1)('OLD', geo)} where true`),
        upsert(`${leadRow(1)('NEW', geo)} where true`),
        upsert(`${heldRow('NEW', geo)} where NEW.status = 'pending_qc' and OLD.status <> 'pending_qc'`),
      ],
    ],
    ['rollup_sale_insert', 'sales', 'insert', 'true', [upsert(saleRow('NEW', geo))]],
    [
      'rollup_return_insert',
      'returns',
      'insert',
      'true',
      [upsert(requestedRow('NEW', geo)), upsert(`${decidedRow('NEW', geo)} and NEW.status <> 'pending'`)],
    ],
    [
      'rollup_return_update',
      'returns',
      'update',
      'OLD.status <> NEW.status',
      [upsert(decidedRow('NEW', geo))],
    ],
    ['rollup_conversion_insert', 'conversions', 'insert', 'true', [upsert(conversionRow('NEW', geo))]],
    ['rollup_ledger_insert', 'ledger', 'insert', 'true', [upsert(`${ledgerRow('NEW', geo)} where true`)]],
  ]
}

/** Rows written before this migration, summed into the rollup once. */
async function backfill(db: Kysely<any>, geo: GeoExpression): Promise<void> {
  const sources: string[] = [
    `${leadRow(1)('x', geo)} from leads x`,
    `${heldRow('x', geo)} from leads x where x.pending_qc = 1`,
    saleRow('x', geo).replace('from leads l', 'from sales x join leads l on true'),
    requestedRow('x', geo).replace('from leads l', 'from returns x join leads l on true'),
    `${decidedRow('x', geo).replace('from leads l', 'from returns x join leads l on true')} and x.status <> 'pending'`,
    conversionRow('x', geo).replace('from leads l', 'from conversions x join leads l on true'),
    ledgerRow('x', geo).replace('from (select 1 as one) one', 'from ledger x'),
  ]
  for (const rows of sources) {
    await sql
      .raw(
        `insert into report_rollup (${KEY}, n, amount_cents) with q (${KEY}, n, amount_cents) as (${rows}) ` +
          `select ${KEY}, sum(n), sum(amount_cents) from q group by ${KEY}`,
      )
      .execute(db)
  }
}
