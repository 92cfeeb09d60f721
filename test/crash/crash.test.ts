import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TestContext, test } from 'node:test'
import { configureBuyers } from '../../bench/configure.js'
import { startBuyer, stopAll, track } from '../../bench/processes.js'
import { type LeadflowChild, startLeadflow } from '../helpers/child-server.js'
import { createPostgresDatabase, type DialectName, dialectsUnderTest } from '../helpers/databases.js'
import { type CallbackReceiver, startCallbackReceiver } from './callback-receiver.js'
import { type Answered, type LoadOutcome, postUntilStopped } from './post-load.js'
import {
  adminLead,
  deliveredTwice,
  leadStatus,
  mapLimit,
  missingFields,
  type StoredAt,
  storedRows,
} from './verify.js'

/**
 * docs/reliability.md, "Durability of an answered lead": a real leadflow process takes sync and
 * async posts at concurrency 50 and is SIGKILLed at a random moment (LEADFLOW_CRASH_AT_MS fixes
 * it); restarted on the same data directory, it must still hold every lead it answered
 * positively, process every queued post exactly once and send its callback, and never deliver a
 * lead to a buyer twice without the same idempotency key. Once per database: on PostgreSQL the
 * restarted process cannot tell a crashed claim from another node's, so it takes the dead
 * process's claims over when their lease (3 s here) lapses.
 */
const CONCURRENCY = 50
/** The kill comes this long after the first WARM_ANSWERS positive answers (a busy machine is slow to start). */
const crashAtMs = Number(process.env.LEADFLOW_CRASH_AT_MS ?? Math.floor(Math.random() * 2000))
const WARM_ANSWERS = 20

/** On PostgreSQL the restarted node takes the dead one's claims over after the lease, not at start. */
const LEASE_MS = 3_000

for (const kind of await dialectsUnderTest()) {
  test(`SIGKILL under load loses no answered lead and processes every queued post once [${kind}]`, (t) =>
    crashAndVerify(t, kind))
}

async function crashAndVerify(t: TestContext, kind: DialectName) {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadflow-crash-'))
  const buyerLog = join(dataDir, 'buyer.jsonl')
  const callbacks = await startCallbackReceiver()
  const pgDatabase = kind === 'postgres' ? await createPostgresDatabase('lf_crash') : undefined
  const env: Record<string, string> = pgDatabase
    ? { DATABASE_URL: pgDatabase.url, LEADFLOW_JOB_LEASE_MS: String(LEASE_MS) }
    : {}
  let server: LeadflowChild | undefined
  try {
    server = track(await startLeadflow({ dataDir, env }))
    const buyer = await startBuyer({ mode: 'accept', latencyMs: 2, log: buyerLog })
    const configured = await configureBuyers(server.url, 'waterfall', [{ url: buyer.url, priceCents: 2000 }])
    assert.ok(
      configured.ok,
      `making the HTTP buyer the only contract: ${configured.ok ? '' : configured.reason}`,
    )
    t.diagnostic(
      `SIGKILL ${crashAtMs} ms after ${WARM_ANSWERS} answers (LEADFLOW_CRASH_AT_MS=${crashAtMs} repeats this run)`,
    )
    const load = await loadThenKill(server, callbacks)
    t.diagnostic(`sent ${load.sent}, answered ${load.answered.length}, unanswered ${load.unanswered}`)
    assert.ok(
      load.answered.length > 0,
      `no post was answered positively; first answers: ${load.refused.slice(0, 3).join(' | ')}`,
    )

    server = track(await startLeadflow({ dataDir, port: server.port, env }))
    const queued = load.answered.filter((a) => a.kind === 'async')
    await waitForCallbacks(callbacks, queued, 40_000)
    await checkOverHttp(server, load.answered, callbacks)
    await server.stop(10_000)
    await checkDatabase(pgDatabase ? { databaseUrl: pgDatabase.url } : { dataDir }, load.answered)
    assert.deepEqual(deliveredTwice(buyerLog).slice(0, 5), [], 'a buyer got a lead twice without one key')
  } finally {
    await stopAll()
    await callbacks.close()
    if (process.env.LEADFLOW_CRASH_KEEP) t.diagnostic(`data kept in ${dataDir} ${pgDatabase?.url ?? ''}`)
    else {
      rmSync(dataDir, { recursive: true, force: true })
      await pgDatabase?.drop()
    }
  }
}

async function loadThenKill(server: LeadflowChild, callbacks: CallbackReceiver): Promise<LoadOutcome> {
  let stopped = false
  let answered = 0
  let warm!: () => void
  const warmed = new Promise<void>((resolve) => {
    warm = resolve
  })
  const load = postUntilStopped({
    baseUrl: server.url,
    returnUrl: callbacks.url,
    concurrency: CONCURRENCY,
    maxPosts: 5000,
    deadlineMs: 30_000,
    stopped: () => stopped,
    onAnswered: () => {
      if (++answered === WARM_ANSWERS) warm()
    },
  })
  await Promise.race([warmed, load])
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
async function checkDatabase(at: StoredAt, answered: Answered[]) {
  const rows = await storedRows(at)
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
