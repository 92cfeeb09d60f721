import { CompiledQuery, type Kysely } from 'kysely'
import type { Database } from './schema.js'

/** Runs a unit of writes in a transaction; `run` resolves only once that transaction committed. */
export interface GroupCommit {
  run<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>
}

/** One transaction per unit: what a database with many connections wants (PostgreSQL). */
export function transactionPerUnit(db: Kysely<Database>): GroupCommit {
  return { run: (work) => db.transaction().execute(work) }
}

interface Unit {
  work: (trx: Kysely<Database>) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  outcome?: { ok: true; value: unknown } | { ok: false; error: unknown }
}

/**
 * Group commit (DESIGN.md, "batched commits where many requests arrive together"): the units
 * asked for during one turn of the event loop share one transaction and one COMMIT, run one
 * after another, each inside its own savepoint.
 *
 * Why: on SQLite a COMMIT writes every page the transaction touched to the WAL; a post's lead,
 * keys and event touch about a dozen pages of table and index, and that commit measured about
 * 170 µs of a ~1.5 ms post (bench scenario 1, 50 connections; docs/performance.md). Posts that
 * arrive together mostly touch the same last pages of each table and index, so one commit for
 * all of them writes those pages once.
 *
 * Correctness: a caller learns its unit's result only after the shared COMMIT, so nothing is
 * answered before it is durable. A unit that throws is rolled back to its savepoint (its cap
 * slots and rows go with it) and gets its error; the others commit. A failed COMMIT fails every
 * unit of the group. Concurrency is unchanged on SQLite: its one connection already ran every
 * transaction alone and in order (Kysely's SqliteDriver mutex), and still does; a unit sees the
 * writes of the units before it, as it would have after their commits. Only for SQLite: on
 * PostgreSQL transactions run in parallel on a pool, and one long transaction holding the row
 * locks of many posts could deadlock against another node's (see `transactionPerUnit`).
 */
export function groupCommit(db: Kysely<Database>): GroupCommit {
  let waiting: Unit[] = []
  const flush = async () => {
    const group = waiting
    waiting = []
    try {
      await db.transaction().execute(async (trx) => {
        for (const unit of group) unit.outcome = await runUnit(trx, unit, group.length > 1)
      })
    } catch (error) {
      for (const unit of group) unit.reject(error)
      return
    }
    for (const unit of group) {
      const outcome = unit.outcome!
      if (outcome.ok) unit.resolve(outcome.value)
      else unit.reject(outcome.error)
    }
  }
  return {
    run<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (waiting.length === 0) setImmediate(flush)
        waiting.push({ work, resolve: resolve as (value: unknown) => void, reject })
      })
    },
  }
}

// Built once: two of these run for every unit of a shared commit (docs/performance.md, round 5).
const SAVEPOINT = CompiledQuery.raw('savepoint lf_unit')
const RELEASE = CompiledQuery.raw('release savepoint lf_unit')
const ROLLBACK = CompiledQuery.raw('rollback to savepoint lf_unit')

/** A lone unit needs no savepoint: its failure rolls the whole transaction back, as before. */
async function runUnit(trx: Kysely<Database>, unit: Unit, savepoint: boolean): Promise<Unit['outcome']> {
  if (!savepoint) return { ok: true, value: await unit.work(trx) }
  await trx.executeQuery(SAVEPOINT)
  try {
    const value = await unit.work(trx)
    await trx.executeQuery(RELEASE)
    return { ok: true, value }
  } catch (error) {
    await trx.executeQuery(ROLLBACK)
    await trx.executeQuery(RELEASE)
    return { ok: false, error }
  }
}
