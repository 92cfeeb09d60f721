import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  JOB_RETRY_SCHEDULE,
  parseRetryAfter,
  type RetrySchedule,
  retryDelayMs,
} from '../../../src/core/delivery/retry-schedule.js'

const schedule: RetrySchedule = {
  delaysMs: [1_000, 10_000],
  jitter: 0.2,
  retryAfterMinMs: 2_000,
  retryAfterMaxMs: 60_000,
}
const lowest = () => 0
const highest = () => 0.999_999

test('jitter stays within [delay, delay × (1 + jitter)] and the last delay repeats', () => {
  assert.equal(retryDelayMs(schedule, 1, null, lowest), 1_000)
  assert.equal(retryDelayMs(schedule, 1, null, highest), 1_200)
  assert.equal(retryDelayMs(schedule, 2, null, lowest), 10_000)
  assert.equal(retryDelayMs(schedule, 7, null, highest), 12_000)
  for (let i = 0; i < 1000; i++) {
    const d = retryDelayMs(JOB_RETRY_SCHEDULE, 3)
    assert.ok(d >= 30_000 && d <= 36_000, String(d))
  }
})

test('a Retry-After replaces the schedule entry, jittered, and is clamped to [min, max]', () => {
  assert.equal(retryDelayMs(schedule, 1, 30_000, lowest), 30_000)
  assert.equal(retryDelayMs(schedule, 1, 30_000, highest), 36_000)
  assert.equal(retryDelayMs(schedule, 1, 0, highest), 2_000, 'too soon: raised to the minimum')
  assert.equal(retryDelayMs(schedule, 1, 86_400_000, lowest), 60_000, 'too late: cut to the maximum')
  assert.equal(retryDelayMs(schedule, 1, 59_000, highest), 60_000, 'jitter never leaves the bounds')
})

test('Retry-After is read as delay-seconds or an HTTP-date (RFC 9110 §10.2.3)', () => {
  const now = new Date('2026-11-23T10:00:00Z')
  assert.equal(parseRetryAfter('120', now), 120_000)
  assert.equal(parseRetryAfter(' 0 ', now), 0)
  assert.equal(parseRetryAfter('Mon, 23 Nov 2026 10:05:00 GMT', now), 300_000)
  assert.equal(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now), 0, 'a past date means now')
  assert.equal(parseRetryAfter(undefined, now), null)
  assert.equal(parseRetryAfter('soon', now), null)
  assert.equal(parseRetryAfter('-5', now), null)
})
