import type { Kysely } from 'kysely'
import { compiledOnce } from './compiled-once.js'
import type { Database } from './schema.js'

/** Past this many entries the cache starts again (unknown vids posted at random cannot grow it). */
const MAX_ENTRIES = 10_000

export interface ConfigCache {
  /** Reads `config_version` and drops every entry if it moved; call it when a post starts. */
  refresh(): Promise<void>
  /** The cached value of `key`, loaded once per version; an entry is frozen, never mutate it. */
  get<T>(key: string, load: () => Promise<T>): Promise<T>
}

/**
 * Intake's configuration (sources, lead types, campaigns, suppression lists) cached in memory.
 * It cost four of the dozen statements of every post (bench scenario 1, docs/performance.md).
 *
 * Correctness: the database increments `config_version` by trigger in the same transaction as
 * any change to those tables (migration 005), whoever makes it: the native API, `leadflow apply`
 * from another process, a test writing rows, another node. Every intake flow starts with a
 * source lookup, which calls `refresh()`: one single-row read, and a changed version drops
 * every entry. Entries are only loaded after the version read that created their generation,
 * so a lookup reflects the configuration at some moment between its flow's start and the
 * lookup — as an uncached read would under concurrent changes. A load still running when the
 * generation is dropped fills the dropped generation only.
 */
export function createConfigCache(db: Kysely<Database>): ConfigCache {
  let version = -1
  let entries = new Map<string, Promise<unknown>>()
  return {
    async refresh() {
      // Compiled once: it runs at the start of every post (src/storage/compiled-once.ts).
      const query = compiledOnce(
        db,
        'config-version',
        0,
        (db) => db.selectFrom('config_version').select('version').where('id', '=', 1),
        [],
      )
      const row = (await db.executeQuery(query)).rows[0]
      // Without the row (never expected) nothing can be trusted across posts: start afresh.
      if (!row || row.version !== version || entries.size > MAX_ENTRIES) {
        version = row?.version ?? -1
        entries = new Map()
      }
    },
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const generation = entries
      let entry = generation.get(key)
      if (!entry) {
        const loading = load().then(deepFreeze)
        generation.set(key, loading)
        // A failed load is not remembered: the next post tries again.
        loading.catch(() => generation.get(key) === loading && generation.delete(key))
        entry = loading
      }
      return entry as Promise<T>
    },
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}
