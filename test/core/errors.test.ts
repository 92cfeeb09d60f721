import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { ERROR_CODES } from '../../src/core/errors.js'

test('docs/errors.md lists exactly the registry codes with their statuses', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')
  const rows = [...doc.matchAll(/^\| (LF_[A-Z_]+) \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])] as const)
  const registry = Object.entries(ERROR_CODES).map(([code, e]) => [code, e.status] as const)
  assert.deepEqual(new Map(rows), new Map(registry))
})
