import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MAX_STORED_BODY, sendOutbound } from '../../../src/core/delivery/outbound-attempt.js'
import type { HttpClient, OutboundRequest, OutboundResponse } from '../../../src/core/ports.js'

const clock = { now: () => new Date('2026-11-23T10:00:00Z') }
const request: OutboundRequest = {
  method: 'POST',
  url: 'https://buyer.example/leads?key=s3cret-key',
  headers: { authorization: 'Bearer s3cret-token', 'content-type': 'application/json' },
  body: '{"email":"ann@example.com","key":"s3cret-key"}',
  timeoutMs: 250,
}

function answering(status: number, body = '', headers: Record<string, string> = {}): HttpClient {
  return { request: async (): Promise<OutboundResponse> => ({ status, headers, body, durationMs: 12 }) }
}

function throwing(error: unknown): HttpClient {
  return { request: async () => Promise.reject(error) }
}

test('a 2xx is a success with its status, duration and no failure', async () => {
  const a = await sendOutbound(answering(204), request, { clock })
  assert.equal(a.class, 'success')
  assert.equal(a.failure, null)
  assert.equal(a.status, 204)
  assert.equal(a.durationMs, 12)
  assert.deepEqual(a.startedAt, clock.now())
})

test('a non-2xx is an http-error naming the status, with its Retry-After', async () => {
  for (const status of [301, 404, 429, 503]) {
    const a = await sendOutbound(answering(status, 'busy', { 'retry-after': '30' }), request, { clock })
    assert.equal(a.class, 'http-error')
    assert.equal(a.failure, `HTTP ${status}`)
    assert.equal(a.retryAfterMs, 30_000)
    assert.equal(a.recorded.response?.body, 'busy')
  }
})

test('a timeout and a transport error carry their cause', async () => {
  const timeout = await sendOutbound(
    throwing(Object.assign(new Error('aborted'), { name: 'TimeoutError' })),
    request,
    { clock },
  )
  assert.equal(timeout.class, 'timeout')
  assert.equal(timeout.failure, 'timeout after 250 ms')
  assert.equal(timeout.cause?.name, 'TimeoutError')
  const refused = await sendOutbound(
    throwing(
      new Error('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      }),
    ),
    request,
    { clock },
  )
  assert.equal(refused.class, 'transport-error')
  assert.match(refused.failure ?? '', /^connection error: fetch failed: .*ECONNREFUSED/)
  assert.equal(refused.status, null)
  assert.equal(refused.recorded.response, null)
  const odd = await sendOutbound(throwing('not an error'), request, { clock })
  assert.equal(odd.class, 'transport-error', 'a non-Error throw is coerced, never rethrown')
})

test('the recorded request masks secrets and personal values; the stored body is clipped', async () => {
  const big = 'x'.repeat(MAX_STORED_BODY + 1000)
  const a = await sendOutbound(answering(200, big), request, {
    clock,
    auth: { kind: 'bearer', token: 's3cret-token' },
    secrets: ['s3cret-key', 'ann@example.com'],
  })
  const recorded = JSON.stringify(a.recorded.request)
  assert.doesNotMatch(recorded, /s3cret|ann@example\.com/)
  assert.equal(a.recorded.request.headers.authorization, 'Bearer ***')
  assert.equal(a.response?.body, big, 'the caller still reads the whole answer')
  assert.ok((a.recorded.response?.body.length ?? 0) < big.length)
  assert.match(a.recorded.response?.body ?? '', /\[truncated \d+ chars\]$/)
})
