import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import SQLite from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import pino from 'pino'
import { createServices } from '../../src/app/create-services.js'
import type { Services } from '../../src/app/services.js'
import { buildApp } from '../../src/http/build-app.js'
import type { StorageDialect } from '../../src/storage/dialects/dialect.js'
import { openPostgres, type PostgresOptions } from '../../src/storage/dialects/postgres.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
import { FORM, formBody, person } from '../protocols/leadexec/leadexec-fixtures.js'
import { scriptedDistributor } from '../protocols/leadexec/scripted-distributor.js'

/**
 * Issue #11: a database fault never kills the process and never answers 500 or a LeadExec
 * Data_Errors: the request answers 503 with Retry-After in the protocol's shape, nothing is
 * half-written, and the next request works (the pool replaced the connection).
 */
const kinds = await dialectsUnderTest()
const scripted = scriptedDistributor()

const post = (app: FastifyInstance, fields = person()) =>
  app.inject({
    method: 'POST',
    url: '/processor/insert/general/json',
    headers: FORM,
    payload: formBody(fields),
  })

function assertRetryable(res: Awaited<ReturnType<typeof post>>) {
  assert.equal(res.statusCode, 503, res.body)
  assert.equal(res.headers['retry-after'], '2')
  const body = res.json()
  assert.equal(body.isValidPost, false)
  assert.equal(body.ResponseType, 8, 'Post_Over_Max, never Data_Errors (docs/compat.md)')
  assert.match(body.ResponseDetails, /Temporarily unavailable/)
}

/** A second app ("node") over its own pool on the test database. */
async function secondNode(t: TestApp, storage: StorageDialect) {
  const services: Services = createServices(t.lf.config, {
    storage,
    secretKey: t.lf.secretKey,
    logger: pino({ level: 'silent' }),
  })
  services.intake.distributor = scripted.distributor
  const app = await buildApp(t.lf.config, services)
  return {
    app,
    async close() {
      await app.close()
      await services.close()
    },
  }
}

if (kinds.includes('postgres')) {
  describe('database faults [postgres]', () => {
    let t: TestApp
    let admin: pg.Client
    const database = () => new URL(t.url).pathname.slice(1)
    before(async () => {
      t = await createTestApp('postgres')
      t.services.intake.distributor = scripted.distributor
      admin = new pg.Client({ connectionString: t.url })
      await admin.connect()
    })
    after(async () => {
      await admin.end()
      await t.close()
    })

    const node = (options: PostgresOptions) => secondNode(t, openPostgres(t.url, options))
    const terminateOthers = () =>
      admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database()],
      )

    test('pg_terminate_backend of a connection mid-request: 503 Retry-After in LeadExec shape, then the pool recovers', async () => {
      const errors: Error[] = []
      const n = await node({ poolSize: 2, onPoolError: (e) => errors.push(e) })
      try {
        assert.equal((await post(n.app)).json().ResponseType, 0, 'warm: the pool has connections')
        const fields = person()
        // Hold the leads table so the post's insert waits on a lock; then kill its connection.
        await admin.query('begin')
        await admin.query('lock table leads in access exclusive mode')
        const pending = post(n.app, fields)
        await waitFor(async () => {
          const { rows } = await admin.query(
            "select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'",
            [database()],
          )
          return rows[0].n > 0
        })
        await terminateOthers()
        await admin.query('rollback')
        assertRetryable(await pending)
        const rows = await t.lf.db
          .selectFrom('leads')
          .select('id')
          .where('fields_json', 'like', `%${fields.Email}%`)
          .execute()
        assert.equal(rows.length, 0, 'nothing half-written')
        assert.ok(errors.length > 0, 'the lost connection was reported to the pool error hook, not swallowed')
        const again = await post(n.app, fields)
        assert.equal(again.statusCode, 200)
        assert.equal(again.json().ResponseType, 0, 'the same post, retried, is accepted')
        assert.equal((await n.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200)
      } finally {
        await n.close()
      }
    })

    test('idle connections terminated: the pool error event is handled and the next post works', async () => {
      const errors: Error[] = []
      const n = await node({ poolSize: 3, onPoolError: (e) => errors.push(e) })
      try {
        await Promise.all([post(n.app), post(n.app), post(n.app)])
        await terminateOthers()
        await waitFor(async () => errors.length > 0)
        const res = await post(n.app)
        assert.ok(res.statusCode === 200 || res.statusCode === 503, `never 500: ${res.statusCode}`)
        await waitFor(async () => (await post(n.app)).statusCode === 200)
      } finally {
        await n.close()
      }
    })

    test('statement timeout: 503 with Retry-After, nothing stored', async () => {
      const n = await node({ poolSize: 2, statementTimeoutMs: 300 })
      try {
        const fields = person()
        await admin.query('begin')
        await admin.query('lock table leads in access exclusive mode')
        try {
          assertRetryable(await post(n.app, fields))
        } finally {
          await admin.query('rollback')
        }
        const rows = await t.lf.db
          .selectFrom('leads')
          .select('id')
          .where('fields_json', 'like', `%${fields.Email}%`)
          .execute()
        assert.equal(rows.length, 0)
        assert.equal((await post(n.app, fields)).json().ResponseType, 0)
      } finally {
        await n.close()
      }
    })

    test('database unreachable: posts, native API and /readyz answer 503, the process stays up', async () => {
      const n = await node({ poolSize: 1 })
      await n.close()
      const down = await secondNode(
        t,
        openPostgres('postgres://postgres@127.0.0.1:1/nothing', { poolSize: 1 }),
      )
      try {
        assertRetryable(await post(down.app))
        const ready = await down.app.inject({ method: 'GET', url: '/readyz' })
        assert.equal(ready.statusCode, 503)
        assert.equal(ready.json().status, 'not ready')
        const native = await down.app.inject({
          method: 'GET',
          url: '/api/v1/leads',
          headers: { authorization: 'Bearer demo-admin-key' },
        })
        assert.equal(native.statusCode, 503)
        assert.equal(native.json().error.code, 'LF_DATABASE_UNAVAILABLE')
        assert.equal(native.headers['retry-after'], '2')
      } finally {
        await down.close()
      }
    })
  })
}

if (kinds.includes('sqlite')) {
  describe('database faults [sqlite]', () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp('sqlite')
      t.services.intake.distributor = scripted.distributor
    })
    after(() => t.close())

    test('SQLITE_BUSY (another process holds the write lock past busy_timeout): 503, then accepted', async () => {
      const other = new SQLite(t.url)
      other.pragma('busy_timeout = 0')
      const fields = person()
      other.exec('begin immediate')
      try {
        assertRetryable(await post(t.app, fields))
      } finally {
        other.exec('rollback')
        other.close()
      }
      const rows = await t.lf.db
        .selectFrom('leads')
        .select('id')
        .where('fields_json', 'like', `%${fields.Email}%`)
        .execute()
      assert.equal(rows.length, 0, 'nothing half-written')
      assert.equal((await post(t.app, fields)).json().ResponseType, 0)
    })
  })
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached')
    await new Promise((r) => setTimeout(r, 25))
  }
}
