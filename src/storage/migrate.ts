import { type Migration, type MigrationProvider, Migrator } from 'kysely'
import type { StorageDialect } from './dialects/dialect.js'
import * as initial from './migrations/001-initial.js'
import * as callQueue from './migrations/002-call-queue.js'
import * as configNaturalKeys from './migrations/003-config-natural-keys.js'
import * as asyncPings from './migrations/004-async-pings.js'
import * as configVersion from './migrations/005-config-version.js'
import * as idempotencyKeys from './migrations/006-idempotency-keys.js'
import * as accounts from './migrations/007-accounts.js'
import * as hardEdges from './migrations/008-hard-edges.js'
import * as reportRollup from './migrations/010-report-rollup.js'
import * as jobNotify from './migrations/011-job-notify.js'
import * as creditAndPeriods from './migrations/012-credit-and-periods.js'
import * as webhooks from './migrations/013-webhooks.js'
import * as opsReportIndexes from './migrations/014-ops-report-indexes.js'
import * as rotations from './migrations/015-rotations.js'
import * as redistributionCompliance from './migrations/016-redistribution-compliance.js'
import * as portalsAlerts from './migrations/018-portals-alerts.js'
import * as leadSearch from './migrations/020-lead-search.js'
import * as reportState from './migrations/021-report-state.js'

/**
 * Versioned migrations, in order. Each runs on both databases; a step that must differ asks the
 * dialect (StorageDialect) rather than checking the database name. Add new steps at the end.
 */
const STEPS: ReadonlyArray<[string, { up: (db: any, dialect: StorageDialect) => Promise<void> }]> = [
  ['001-initial', initial],
  ['002-call-queue', callQueue],
  ['003-config-natural-keys', configNaturalKeys],
  ['004-async-pings', asyncPings],
  ['005-config-version', configVersion],
  ['006-idempotency-keys', idempotencyKeys],
  ['007-accounts', accounts],
  ['008-hard-edges', hardEdges],
  ['010-report-rollup', reportRollup],
  ['011-job-notify', jobNotify],
  ['012-credit-and-periods', creditAndPeriods],
  ['013-webhooks', webhooks],
  ['014-ops-report-indexes', opsReportIndexes],
  ['015-rotations', rotations],
  ['016-redistribution-compliance', redistributionCompliance],
  ['018-portals-alerts', portalsAlerts],
  ['020-lead-search', leadSearch],
  ['021-report-state', reportState],
]

function provider(dialect: StorageDialect): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {}
      for (const [name, step] of STEPS) out[name] = { up: (db) => step.up(db, dialect) }
      return out
    },
  }
}

export async function migrateToLatest(dialect: StorageDialect): Promise<string[]> {
  const migrator = new Migrator({ db: dialect.db, provider: provider(dialect) })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw new Error('Database migration failed', { cause: error })
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** True when every known migration has been applied (used by /readyz). */
export async function migrationsApplied(dialect: StorageDialect): Promise<boolean> {
  const migrator = new Migrator({ db: dialect.db, provider: provider(dialect) })
  const all = await migrator.getMigrations()
  return all.every((m) => m.executedAt !== undefined)
}
