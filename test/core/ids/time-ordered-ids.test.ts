import assert from 'node:assert/strict'
import { test } from 'node:test'
import { newEventId } from '../../../src/core/events/event-id.js'
import { uuidV7 } from '../../../src/core/ids/uuid-v7.js'

test('uuidV7: a version-7, RFC 9562 variant GUID that sorts by its millisecond', () => {
  const id = uuidV7(Date.UTC(2026, 10, 23, 12))
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  assert.equal(Number.parseInt(id.replace('-', '').slice(0, 12), 16), Date.UTC(2026, 10, 23, 12))
  assert.ok(uuidV7(1_000) < uuidV7(1_001))
  assert.notEqual(uuidV7(1_000), uuidV7(1_000))
})

test('newEventId: 24 hex characters, Unix seconds first, then random', () => {
  const id = newEventId(Date.UTC(2026, 10, 23, 12, 0, 0, 999))
  assert.match(id, /^[0-9a-f]{24}$/)
  assert.equal(Number.parseInt(id.slice(0, 8), 16), Date.UTC(2026, 10, 23, 12) / 1000)
  assert.ok(newEventId(1_000_000) < newEventId(2_000_000))
  assert.notEqual(newEventId(1_000), newEventId(1_000))
})
