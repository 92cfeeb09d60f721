import type { Database, Statement } from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

/**
 * better-sqlite3 behind Kysely, with prepared statements reused. Kysely's SqliteDriver calls
 * `prepare(sql)` for every query (kysely/dist/esm/dialect/sqlite/sqlite-driver.js,
 * `SqliteConnection.executeQuery`), and preparing cost ~40 µs of a LeadExec post's ~1.5 ms, 10
 * times a post: 8.8 % of the server's CPU in a profile of bench scenario 1 (docs/performance.md).
 *
 * Statements are kept per SQL text, least recently used evicted past `size`, so SQL whose text
 * varies (an `in (?, ?, …)` list, a multi-row insert) cannot grow the cache without bound.
 * A statement is only ever run synchronously to completion, except an `iterate()` in progress
 * (Kysely's streamQuery); while one is `busy`, the same SQL gets a fresh statement. SQLite
 * re-prepares a cached statement by itself after a schema change (sqlite3_prepare_v2).
 */
export function withStatementCache(database: Database, size = 200): SqliteDatabase {
  const cache = new Map<string, Statement>()
  return {
    close: () => {
      cache.clear()
      database.close()
    },
    prepare(sql: string) {
      const cached = cache.get(sql)
      if (cached) {
        if (cached.busy) return database.prepare(sql)
        cache.delete(sql)
        cache.set(sql, cached)
        return cached
      }
      const statement = database.prepare(sql)
      cache.set(sql, statement)
      if (cache.size > size) cache.delete(cache.keys().next().value!)
      return statement
    },
  }
}
