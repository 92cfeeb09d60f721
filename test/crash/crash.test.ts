import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { configureBuyers } from '../../bench/configure.js'
import { startBuyer, stopAll, track } from '../../bench/processes.js'
import { type LeadflowChild, startLeadflow } from '../helpers/child-server.js'
import { type CallbackReceiver, startCallbackReceiver } from './callback-receiver.js'
import { type Answered, type LoadOutcome, postUntilStopped } from './post-load.js'
import { adminLead, deliveredTwice, leadStatus, mapLimit, missingFields, storedRows } from './verify.js'

/**
 * docs/reliability.md, "Durability of an answered lead": a real leadflow process takes sync and
 * async posts at concurrency 50 and is SIGKILLed at a random moment (LEADFLOW_CRASH_AT_MS fixes
 * it); restarted on the same data directory, it must still hold every lead it answered
 * positively, process every queued post exactly once and send its callback, and never deliver a
 * lead to a buyer twice without the same idempotency key.
 */
const CONCURRENCY = 50
const crashAtMs = Number(process.env.LEADFLOW_CRASH_AT_MS ?? 800 + Math.floor(Math.random() * 2200))

test('SIGKILL under load loses no answered lead and processes every queued post once', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadflow-crash-'))
  const buyerLog = join(dataDir, 'buyer.jsonl')
  const callbacks = await startCallbackReceiver()
  let server: LeadflowChild | undefined
  try {
    server = track(await startLeadflow({ dataDir }))
    const buyer = await startBuyer({ mode: 'accept', latencyMs: 2, log: buyerLog })
    const configured = await configureBuyers(server.url, 'waterfall', [{ url: buyer.url, priceCents: 2000 }])
    assert.ok(
      configured.ok,
      `making the HTTP buyer the only contract: ${configured.ok ? '' : configured.reason}`,
    )
    t.diagnostic(`SIGKILL after ${crashAtMs} ms of load (LEADFLOW_CRASH_AT_MS=${crashAtMs} repeats this run)`)
    const load = await loadThenKill(server, callbacks)
    t.diagnostic(`sent ${load.sent}, answered ${load.answered.length}, unanswered ${load.unanswered}`)
    assert.ok(
      load.answered.length > 0,
      `no post was answered positively; first answers: ${load.refused.slice(0, 3).join(' | ')}`,
    )

    server = track(await startLeadflow({ dataDir, port: server.port }))
    const queued = load.answered.filter((a) => a.kind === 'async')
    await waitForCallbacks(callbacks, queued, 40_000)
    await checkOverHttp(server, load.answered, callbacks)
    await server.stop(10_000)
    checkDatabase(dataDir, load.answered)
    assert.deepEqual(deliveredTwice(buyerLog).slice(0, 5), [], 'a buyer got a lead twice without one key')
  } finally {
    await stopAll()
    await callbacks.close()
    if (process.env.LEADFLOW_CRASH_KEEP) t.diagnostic(`data kept in ${dataDir}`)
    else rmSync(dataDir, { recursive: true, force: true })
  }
})

async function loadThenKill(server: LeadflowChild, callbacks: CallbackReceiver): Promise<LoadOutcome> {
  let stopped = false
  const load = postUntilStopped({
    baseUrl: server.url,
    returnUrl: callbacks.url,
    concurrency: CONCURRENCY,
    maxPosts: 5000,
    deadlineMs: 15_000,
    stopped: () => stopped,
  })
  await new Promise((r) => setTimeout(r, crashAtMs))
  server.kill('SIGKILL')
  await server.exited
  stopped = true
  return load
}

async function waitForCallbacks(callbacks: CallbackReceiver, queued: Answered[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  const missing = () => queued.filter((q) => !callbacks.postIds().has(q.postId))
  while (missing().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
}

/** Every answered post: status URL valid, lead fields intact, one callback per queued PostID. */
async function checkOverHttp(server: LeadflowChild, answered: Answered[], callbacks: CallbackReceiver) {
  const problems = (
    await mapLimit(answered, 20, async (post) => {
      const status = await leadStatus(server.url, post)
      const body = Array.isArray(status.body) ? status.body[0] : status.body
      if (status.status !== 200 || body?.IsValid !== true) {
        return `${post.kind} ${post.postId}: status ${status.status} ${JSON.stringify(body).slice(0, 200)}`
      }
      const leadId = post.leadIdentifier ?? Number(body.LeadIdentifier)
      if (post.leadIdentifier && Number(body.LeadIdentifier) !== post.leadIdentifier) {
        return `${post.postId}: answered LeadIdentifier ${post.leadIdentifier}, status says ${body.LeadIdentifier}`
      }
      const lead = await adminLead(server.url, leadId)
      if (lead && lead.status !== 200) return `lead ${leadId}: GET /api/v1/leads answers ${lead.status}`
      const lost = lead ? missingFields(lead.body, post.fields) : []
      return lost.length ? `lead ${leadId}: fields lost: ${lost.join(', ')}` : ''
    })
  ).filter(Boolean)
  assert.deepEqual(problems.slice(0, 5), [], `${problems.length} answered posts are not intact`)

  const queued = answered.filter((a) => a.kind === 'async')
  const seen = callbacks.postIds()
  const noCallback = queued.filter((q) => !seen.has(q.postId)).map((q) => q.postId)
  assert.deepEqual(
    noCallback.slice(0, 5),
    [],
    `${noCallback.length} of ${queued.length} queued posts got no callback`,
  )
  const leadsPerPost = new Map<string, Set<number>>()
  for (const c of callbacks.received) {
    if (c.leadIdentifier === undefined) continue
    leadsPerPost.set(c.postId, (leadsPerPost.get(c.postId) ?? new Set()).add(c.leadIdentifier))
  }
  const twice = [...leadsPerPost].filter(([, ids]) => ids.size > 1).map(([id, ids]) => `${id}: ${[...ids]}`)
  assert.deepEqual(twice, [], 'a queued post was processed into more than one lead')
}

/** In the stopped server's database: one processed row per answered PostID, fields intact. */
function checkDatabase(dataDir: string, answered: Answered[]) {
  const rows = storedRows(dataDir)
  const problems = answered.flatMap((post) => {
    const found = rows.get(post.postId) ?? []
    if (found.length !== 1) return [`${post.postId}: ${found.length} rows`]
    const row = found[0]
    if (!row.processed_at && post.kind === 'async') return [`${post.postId}: queued post never processed`]
    if (row.accepted_events !== 1) return [`${post.postId}: ${row.accepted_events} intake decisions, not one`]
    const lost = missingFields([JSON.parse(row.fields_json), JSON.parse(row.raw_json)], post.fields)
    return lost.length ? [`${post.postId}: fields lost in the row: ${lost.join(', ')}`] : []
  })
  assert.deepEqual(problems.slice(0, 5), [], `${problems.length} answered posts are not stored intact`)
}
