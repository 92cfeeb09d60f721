import type { RankMode } from './ranking.js'

export type StrategyName = 'direct' | 'waterfall' | 'rotation' | 'ping_post'

/** What distribution reads from a lead type's settings_json (docs/distribution.md, "Strategies"). */
export interface LeadTypeTerms {
  strategy: StrategyName
  rank: RankMode
  /** Shared leads sell to up to this many buyers; 1 means exclusive to one buyer. */
  maxSends: number
  /** The one deadline every ping shares. */
  pingTimeoutMs: number
  /** How long a ping order holds its bids. */
  orderTtlSeconds: number
}

const STRATEGIES: Record<string, [StrategyName, RankMode]> = {
  direct: ['direct', 'priority'],
  waterfall: ['waterfall', 'priority'],
  priority: ['waterfall', 'priority'],
  weighted: ['waterfall', 'weighted'],
  percentage: ['rotation', 'priority'],
  round_robin: ['rotation', 'priority'],
  price: ['waterfall', 'price'],
  ping_post: ['ping_post', 'priority'],
  pingpost: ['ping_post', 'priority'],
}

export function leadTypeTerms(settings: Record<string, any>): LeadTypeTerms {
  const [strategy, rank] = STRATEGIES[String(settings.strategy ?? 'waterfall')] ?? ['waterfall', 'priority']
  const int = (v: unknown, fallback: number) =>
    Number.isInteger(v) && (v as number) > 0 ? (v as number) : fallback
  return {
    strategy,
    rank,
    maxSends: int(settings.maxSends, 1),
    pingTimeoutMs: int(settings.pingTimeoutMs, 2000),
    orderTtlSeconds: int(settings.orderTtlSeconds, 300),
  }
}
