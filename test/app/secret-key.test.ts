import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { resolveSecretKey } from '../../src/app/secret-key.js'
import { ConfigError, loadConfig } from '../../src/config.js'

test('SQLite without LEADFLOW_SECRET_KEY: a key is generated into the data directory (0600), then reused', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lf-key-'))
  try {
    const config = loadConfig({ LEADFLOW_DATA_DIR: dataDir })
    const first = resolveSecretKey(config, 'sqlite')
    assert.equal(first.length, 32)
    const file = join(dataDir, 'secret.key')
    assert.equal(statSync(file).mode & 0o777, 0o600)
    assert.deepEqual(resolveSecretKey(config, 'sqlite'), first)
    assert.equal(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').length, 32)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('PostgreSQL without LEADFLOW_SECRET_KEY refuses to start', () => {
  assert.throws(
    () => resolveSecretKey(loadConfig({}), 'postgres'),
    (error: Error) => {
      assert.ok(error instanceof ConfigError)
      assert.match(error.message, /LEADFLOW_SECRET_KEY must be set with PostgreSQL/)
      return true
    },
  )
})

test('LEADFLOW_SECRET_KEY is read as hex or base64 and must be 32 bytes', () => {
  const hex = 'ab'.repeat(32)
  assert.deepEqual(
    resolveSecretKey(loadConfig({ LEADFLOW_SECRET_KEY: hex }), 'postgres'),
    Buffer.from(hex, 'hex'),
  )
  const b64 = Buffer.alloc(32, 3).toString('base64')
  assert.deepEqual(
    resolveSecretKey(loadConfig({ LEADFLOW_SECRET_KEY: b64 }), 'postgres'),
    Buffer.alloc(32, 3),
  )
  assert.throws(() => resolveSecretKey(loadConfig({ LEADFLOW_SECRET_KEY: 'short' }), 'sqlite'), ConfigError)
})
