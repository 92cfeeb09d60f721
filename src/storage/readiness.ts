import { sql } from 'kysely'
import type { Readiness } from '../core/readiness.js'
import type { StorageDialect } from './dialects/dialect.js'
import { migrationsApplied } from './migrate.js'

/** `/readyz`: the database answers and every migration has run. */
export function createReadiness(storage: StorageDialect): Readiness {
  return {
    async check() {
      try {
        await sql`select 1`.execute(storage.db)
        if (!(await migrationsApplied(storage))) return { ready: false, reason: 'migrations not applied' }
        return { ready: true, database: storage.name }
      } catch (error) {
        return { ready: false, reason: (error as Error).message }
      }
    },
  }
}
