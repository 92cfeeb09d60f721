import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError, loadConfig } from '../../src/config.js'

test('defaults: port 8080, SQLite under ./data, info logs', () => {
  const c = loadConfig({})
  assert.equal(c.port, 8080)
  assert.equal(c.databaseUrl, undefined)
  assert.match(c.dataDir, /data$/)
  assert.equal(c.logLevel, 'info')
  assert.ok(Object.isFrozen(c))
})

test('a bad setting names the variable', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty' }),
    (e: Error) => e instanceof ConfigError && /PORT/.test(e.message),
  )
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/)
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/)
  assert.throws(() => loadConfig({ LEADFLOW_DEMO: 'maybe' }), /LEADFLOW_DEMO/)
})

test('DATABASE_URL selects PostgreSQL', () => {
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).databaseUrl, 'postgres://u@h/db')
})
