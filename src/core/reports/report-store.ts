import type { Dimension, ReportQuery } from './report-query.js'

/** One summed rollup cell: the UTC hour, the grouped dimensions' values, the metric and its sums. */
export interface RollupCell {
  readonly hour: string
  readonly dims: Readonly<Partial<Record<Dimension, number | string>>>
  readonly metric: string
  readonly reason: string
  readonly n: number
  readonly amountCents: number
}

/** Port over the report rollup (src/storage/report-rollup-store.ts). */
export interface ReportStore {
  /** Cells of [fromHour, toHour) summed by hour, the query's dimensions, metric and reason. */
  cells(query: ReportQuery): Promise<RollupCell[]>
  /** Display names of the id dimensions' values (sources, campaigns, lead types, buyers, contracts). */
  names(dimension: Dimension, ids: readonly number[]): Promise<Map<number, string>>
}
