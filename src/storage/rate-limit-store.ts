import type { Kysely } from 'kysely'
import type { RateCounter } from '../core/limits/rate-counter.js'
import type { Clock } from '../core/ports.js'
import type { Database, RateLimitTable } from './schema.js'

/**
 * Abuse-limit counters in the `rate_limits` table, so every PostgreSQL node counts against the same
 * window. One statement per hit: the upsert takes the row lock, so concurrent hits on one key
 * serialise there and none is lost; an expired window restarts at 1 inside the same statement.
 * Expired rows are swept on roughly one hit in 500, so the table holds about one row per active key.
 */
export function createRateLimitStore(db: Kysely<Database>, clock: Clock): RateCounter {
  return {
    async hit(key, windowMs) {
      const now = clock.now()
      const nowText = now.toISOString()
      const reset = new Date(now.getTime() + windowMs).toISOString()
      const row = await db
        .insertInto('rate_limits')
        .values({ key, count: 1, reset_at: reset })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            count: eb
              .case()
              .when('rate_limits.reset_at', '<=', nowText)
              .then(1)
              .else(eb('rate_limits.count', '+', 1))
              .end(),
            reset_at: eb
              .case()
              .when('rate_limits.reset_at', '<=', nowText)
              .then(reset)
              .else(eb.ref('rate_limits.reset_at'))
              .end(),
          })),
        )
        .returning(['count', 'reset_at'])
        .executeTakeFirstOrThrow()
      if (Math.random() < 0.002) await sweep(db, nowText)
      return { count: Number(row.count), ttlMs: Math.max(0, Date.parse(row.reset_at) - now.getTime()) }
    },
  }
}

async function sweep(db: Kysely<Database>, now: RateLimitTable['reset_at']): Promise<void> {
  await db.deleteFrom('rate_limits').where('reset_at', '<=', now).execute()
}
