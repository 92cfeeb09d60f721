import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import pg from 'pg'
import type { StorageDialect } from '../../src/storage/dialects/dialect.js'
import { openPostgres } from '../../src/storage/dialects/postgres.js'
import { openSqlite } from '../../src/storage/dialects/sqlite.js'
import { migrateToLatest } from '../../src/storage/migrate.js'

export type DialectName = 'sqlite' | 'postgres'

/** The server every PostgreSQL test uses; each test file gets a fresh database on it. */
export const TEST_PG_URL = process.env.LEADFLOW_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

let dialects: DialectName[] | undefined

/**
 * The databases this run covers: SQLite always, PostgreSQL when reachable. On CI (CI=true) an
 * unreachable PostgreSQL fails the run; elsewhere it is skipped with a loud warning.
 * LEADFLOW_TEST_DATABASES=sqlite (or postgres) narrows the run.
 */
export async function dialectsUnderTest(): Promise<DialectName[]> {
  if (dialects) return dialects
  const wanted = (process.env.LEADFLOW_TEST_DATABASES ?? 'sqlite,postgres').split(',') as DialectName[]
  dialects = wanted.filter((d) => d === 'sqlite')
  if (wanted.includes('postgres')) {
    if (await postgresReachable()) dialects.push('postgres')
    else if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${TEST_PG_URL}; CI requires it`)
    else {
      console.warn(`\n!!! PostgreSQL not reachable at ${TEST_PG_URL}: PostgreSQL tests SKIPPED !!!\n`)
      // Counted in the run's totals (a file's absent suites would not be): one skip per file.
      test('the PostgreSQL half of this file', { skip: `PostgreSQL not reachable at ${TEST_PG_URL}` })
    }
  }
  return dialects
}

export interface TestStorage {
  storage: StorageDialect
  url: string
  drop(): Promise<void>
}

/** A fresh, migrated database: a temporary SQLite file, or a new PostgreSQL database. */
export async function openTestStorage(kind: DialectName): Promise<TestStorage> {
  const name = `lf_test_${randomBytes(6).toString('hex')}`
  if (kind === 'sqlite') {
    const file = join(tmpdir(), `${name}.db`)
    const storage = openSqlite(file)
    await migrateToLatest(storage)
    return { storage, url: file, drop: () => storage.close() }
  }
  const admin = new pg.Client({ connectionString: TEST_PG_URL })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(TEST_PG_URL)
  url.pathname = `/${name}`
  const storage = openPostgres(url.toString(), 5)
  await migrateToLatest(storage)
  return {
    storage,
    url: url.toString(),
    async drop() {
      await storage.close()
      const c = new pg.Client({ connectionString: TEST_PG_URL })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

/** An empty PostgreSQL database for child processes to migrate (multi-process tests). */
export async function createPostgresDatabase(
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: TEST_PG_URL })
  await admin.connect()
  try {
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(TEST_PG_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG_URL })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}
