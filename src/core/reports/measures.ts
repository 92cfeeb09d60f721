/** One rollup cell as storage returns it: a metric's count and sum of cents (migration 010). */
export interface MetricCell {
  readonly metric: string
  readonly reason: string
  readonly n: number
  readonly amountCents: number
}

/** Every measure of a report row; docs/reports.md defines each one. Money is integer cents. */
export type Measures = {
  posted: number
  accepted: number
  rejected: number
  rejected_by_reason: Record<string, number>
  duplicates: number
  held_qc: number
  sold: number
  unsold: number
  sends: number
  replacements: number
  revenue_cents: number
  source_cost_cents: number
  margin_cents: number
  returns_requested: number
  returns_credited: number
  returns_replaced: number
  returns_rejected: number
  return_rate: number
  credits_cents: number
  chargebacks_cents: number
  buyer_adjustments_cents: number
  source_adjustments_cents: number
  conversions: number
  conversion_value_cents: number
  net_revenue_cents: number
  net_margin_cents: number
}

/** The LeadExec response type intake stores for a duplicate (src/storage/intake-terms.ts). */
const DUPLICATE = 'Duplicate_Lead'

export function emptyMeasures(): Measures {
  return {
    posted: 0,
    accepted: 0,
    rejected: 0,
    rejected_by_reason: {},
    duplicates: 0,
    held_qc: 0,
    sold: 0,
    unsold: 0,
    sends: 0,
    replacements: 0,
    revenue_cents: 0,
    source_cost_cents: 0,
    margin_cents: 0,
    returns_requested: 0,
    returns_credited: 0,
    returns_replaced: 0,
    returns_rejected: 0,
    return_rate: 0,
    credits_cents: 0,
    chargebacks_cents: 0,
    buyer_adjustments_cents: 0,
    source_adjustments_cents: 0,
    conversions: 0,
    conversion_value_cents: 0,
    net_revenue_cents: 0,
    net_margin_cents: 0,
  }
}

const COUNTS: Record<string, keyof Measures> = {
  held_qc: 'held_qc',
  'lead:unsold': 'unsold',
  'lead:sold': 'sold',
  'lead:returned': 'sold',
  sale: 'sends',
  replacement: 'replacements',
  'return:requested': 'returns_requested',
  'return:credited': 'returns_credited',
  'return:replaced': 'returns_replaced',
  'return:rejected': 'returns_rejected',
  conversion: 'conversions',
}

/** Ledger rows keep their sign (docs/returns.md): a credit is negative, shown here as a positive amount. */
const LEDGER: Record<string, [keyof Measures, 1 | -1]> = {
  'ledger:buyer:sale': ['revenue_cents', 1],
  'ledger:buyer:credit': ['credits_cents', -1],
  'ledger:buyer:adjustment': ['buyer_adjustments_cents', 1],
  'ledger:source:source_cost': ['source_cost_cents', 1],
  'ledger:source:chargeback': ['chargebacks_cents', -1],
  'ledger:source:adjustment': ['source_adjustments_cents', 1],
}

type NumberKey = { [K in keyof Measures]: Measures[K] extends number ? K : never }[keyof Measures]

/** Adds one rollup cell to the row's measures (derived measures are set by `finish`). */
export function addCell(m: Measures, cell: MetricCell): void {
  if (cell.metric.startsWith('lead:')) {
    m.posted += cell.n
    if (cell.metric === 'lead:rejected') {
      m.rejected += cell.n
      if (cell.reason === DUPLICATE) m.duplicates += cell.n
      const reason = cell.reason || 'unspecified'
      m.rejected_by_reason[reason] = (m.rejected_by_reason[reason] ?? 0) + cell.n
    }
  }
  const count = COUNTS[cell.metric] as NumberKey | undefined
  if (count) m[count] += cell.n
  if (cell.metric === 'replacement') m.sends += cell.n
  if (cell.metric === 'conversion') m.conversion_value_cents += cell.amountCents
  const ledger = LEDGER[cell.metric]
  if (ledger) m[ledger[0] as NumberKey] += ledger[1] * cell.amountCents
}

export function mergeMeasures(into: Measures, from: Measures): void {
  for (const key of Object.keys(from) as Array<keyof Measures>) {
    if (key === 'rejected_by_reason') {
      for (const [reason, n] of Object.entries(from.rejected_by_reason))
        into.rejected_by_reason[reason] = (into.rejected_by_reason[reason] ?? 0) + n
    } else into[key as NumberKey] += from[key as NumberKey]
  }
}

/** The derived measures, from the summed ones. */
export function finish(m: Measures): Measures {
  m.rejected_by_reason = Object.fromEntries(Object.entries(m.rejected_by_reason).filter(([, n]) => n !== 0))
  m.accepted = m.posted - m.rejected
  m.margin_cents = m.revenue_cents - m.source_cost_cents
  m.return_rate = m.sends === 0 ? 0 : Math.round((m.returns_requested / m.sends) * 10_000) / 10_000
  m.net_revenue_cents = m.revenue_cents - m.credits_cents + m.buyer_adjustments_cents
  m.net_margin_cents =
    m.net_revenue_cents - (m.source_cost_cents - m.chargebacks_cents + m.source_adjustments_cents)
  return m
}
