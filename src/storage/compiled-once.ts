import type { Compilable, CompiledQuery, DialectAdapter, Kysely } from 'kysely'
import type { Database } from './schema.js'

/**
 * Stands for one parameter while a query is built; replaced by the caller's value at each run.
 * Typed `never` so that a slot fits any column's value type in the builder.
 */
export type Slot = never

interface Template {
  compiled: CompiledQuery
  /** For each parameter of the SQL, the index of the caller's value, or -1 for a constant. */
  positions: number[]
}

const templatesByAdapter = new WeakMap<DialectAdapter, Map<string, Template>>()

/**
 * A hot query built and compiled once per database kind, then run with new parameters: Kysely's
 * immutable builders and its compiler cost about 10–25 µs a query, several times the SQLite work
 * of an indexed single-row statement (profile of bench scenario 1, docs/performance.md).
 *
 * `build` receives one `Slot` per value and must use them as plain values (`where(col, '=', slot)`,
 * `values({ col: slot })`); `key` names the query's shape, so one key must always build the same
 * SQL. Keyed by the dialect's adapter, which a transaction shares with its database, so the same
 * entry serves `db` and every `trx` of it; SQLite and PostgreSQL each get their own SQL.
 */
export function compiledOnce<R>(
  db: Kysely<Database>,
  key: string,
  slotCount: number,
  build: (db: Kysely<Database>, slots: readonly Slot[]) => Compilable<R>,
  values: readonly unknown[],
): CompiledQuery<R> {
  const template = templateOf(db, key, slotCount, build)
  const { compiled, positions } = template
  return {
    ...compiled,
    parameters: positions.map((at, i) => (at === -1 ? compiled.parameters[i] : values[at])),
  } as CompiledQuery<R>
}

function templateOf<R>(
  db: Kysely<Database>,
  key: string,
  slotCount: number,
  build: (db: Kysely<Database>, slots: readonly Slot[]) => Compilable<R>,
): Template {
  const adapter = db.getExecutor().adapter
  let templates = templatesByAdapter.get(adapter)
  if (!templates) {
    templates = new Map()
    templatesByAdapter.set(adapter, templates)
  }
  const found = templates.get(key)
  if (found) return found
  const markers = Array.from({ length: slotCount }, (_, slot) => ({ slot }))
  const compiled = build(db, markers as unknown as Slot[]).compile()
  const positions = compiled.parameters.map((p) => markers.indexOf(p as { slot: number }))
  const template = { compiled, positions }
  templates.set(key, template)
  return template
}
