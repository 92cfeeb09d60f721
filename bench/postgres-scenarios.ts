import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LeadflowChild, startLeadflow } from '../test/helpers/child-server.js'
import { createPostgresDatabase, TEST_PG_URL } from '../test/helpers/databases.js'
import type { BenchContext, LoadShape, ScenarioResult } from './compare.js'
import { configureBuyers } from './configure.js'
import { leadExecJson, refusedAsync, refusedSync } from './leads.js'
import { type LoadResult, runLoad, send } from './load.js'
import { startBuyer, track } from './processes.js'
import { round } from './rss.js'

const SYNC = '/processor/insert/general/json'

/**
 * The PostgreSQL rows (issue #11, "Scale on paper, from measurements"): scenario 1 (sync noSell)
 * and scenario 4 (async drain) against `nodes` leadflow processes on one fresh PostgreSQL
 * database (LEADFLOW_TEST_PG_URL's server), the load's connections split evenly over them. The
 * ratio is to the baseline measured by the SQLite scenario 1 of the same run, when it ran.
 */
export async function postgresRows(ctx: BenchContext, nodes: 1 | 2, baselineRps?: number) {
  const database = await createPostgresDatabase('lf_bench')
  const dirs: string[] = []
  const started: LeadflowChild[] = []
  try {
    for (let i = 0; i < nodes; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'leadflow-bench-pg-'))
      dirs.push(dataDir)
      const env = { DATABASE_URL: database.url }
      // One after another: the first migrates and seeds the demo, the others find it done.
      started.push(track(await startLeadflow({ dataDir, built: ctx.built, env })))
    }
    const urls = started.map((n) => n.url)
    const label = nodes === 1 ? 'PostgreSQL, 1 node' : `PostgreSQL, ${nodes} nodes`
    const sync = await syncRow(ctx, urls, `intake sync noSell, ${label}`, `1p${nodes}`, baselineRps)
    const drain = await asyncRow(ctx, urls, `async intake → HTTP buyer, ${label}`, `4p${nodes}`)
    return [sync, drain]
  } catch (error) {
    return [
      {
        id: `p${nodes}`,
        name: 'PostgreSQL',
        available: false,
        reason: `failed: ${(error as Error).message}`,
      },
    ]
  } finally {
    await Promise.all(started.map((n) => n.stop(10_000)))
    await database.drop()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }
}

/** Whether the PostgreSQL rows can run (the server of LEADFLOW_TEST_PG_URL answers). */
export async function postgresAvailable(): Promise<string | undefined> {
  try {
    const database = await createPostgresDatabase('lf_bench_probe')
    await database.drop()
    return undefined
  } catch (error) {
    return `PostgreSQL at ${TEST_PG_URL} not reachable: ${(error as Error).message}`
  }
}

/** The same load on every url at once, `connections` split between them; counts summed. */
async function splitLoad(ctx: BenchContext, urls: string[], shape: LoadShape, durationS: number) {
  const each = Math.max(1, Math.round(ctx.connections / urls.length))
  const results = await Promise.all(
    urls.map((url) => runLoad({ ...shape, url, durationS, connections: each })),
  )
  return merge(results)
}

function merge(results: LoadResult[]): LoadResult {
  const sum = (pick: (r: LoadResult) => number) => results.reduce((s, r) => s + pick(r), 0)
  const max = (pick: (r: LoadResult) => number) => Math.max(...results.map(pick))
  return {
    requests: sum((r) => r.requests),
    rps: sum((r) => r.rps),
    // Not a true merged percentile: the worst node's, which is what a seller behind both sees.
    p50: max((r) => r.p50),
    p99: max((r) => r.p99),
    max: max((r) => r.max),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    refused: sum((r) => r.refused),
    sample: results.find((r) => r.sample)?.sample ?? '',
  }
}

async function syncRow(ctx: BenchContext, urls: string[], name: string, id: string, baselineRps?: number) {
  const shape: LoadShape = {
    path: SYNC,
    body: (n) => leadExecJson(n, { noSell: true }),
    refused: refusedSync,
  }
  await splitLoad(ctx, urls, shape, 1)
  const leadflow = await splitLoad(ctx, urls, shape, ctx.durationS)
  return {
    id,
    name,
    available: true,
    connections: ctx.connections,
    leadflow,
    ...(baselineRps
      ? { baseline: { ...leadflow, rps: baselineRps }, ratio: round(leadflow.rps / baselineRps, 3) }
      : {}),
  } satisfies ScenarioResult
}

async function asyncRow(
  ctx: BenchContext,
  urls: string[],
  name: string,
  id: string,
): Promise<ScenarioResult> {
  const buyer = await startBuyer({ mode: 'accept', latencyMs: 1 })
  const callbacks = await startBuyer({ mode: 'accept' })
  try {
    const configured = await configureBuyers(urls[0]!, 'waterfall', [{ url: buyer.url, priceCents: 2000 }])
    if (!configured.ok) return { id, name, available: false, reason: configured.reason }
    const returnUrl = `${callbacks.url}/cb`
    const shape: LoadShape = {
      path: `${SYNC}/async?returnurl=${encodeURIComponent(returnUrl)}`,
      body: (n) => leadExecJson(n, { returnUrl }),
      refused: refusedAsync,
    }
    const at = Date.now()
    const leadflow = await splitLoad(ctx, urls, shape, ctx.durationS)
    const accepted = leadflow.requests - leadflow.refused - leadflow.non2xx
    const waitS = ctx.quick ? 20 : 90
    const sold = await drained(buyer.url, accepted, at, waitS)
    const called = await drained(callbacks.url, accepted, at, 5)
    return {
      id,
      name,
      available: true,
      connections: ctx.connections,
      leadflow,
      extra: {
        accepted,
        accept_rps: round(leadflow.rps),
        delivered_to_buyer: sold.count,
        buyer_drain_rps: sold.rps,
        callbacks: called.count,
        callback_drain_rps: called.rps,
        drain_complete: sold.count >= accepted ? 'yes' : `no, ${accepted - sold.count} left after ${waitS}s`,
      },
    }
  } finally {
    await Promise.all([buyer.child.stop(1000), callbacks.child.stop(1000)])
  }
}

/** Polls a buyer's /stats until it has `expected` posts or `waitS` passes; its count and rate since `at`. */
async function drained(url: string, expected: number, at: number, waitS: number) {
  const deadline = Date.now() + waitS * 1000
  let stats = { posts: 0, last: Date.now() }
  while (Date.now() < deadline) {
    stats = (await send(`${url}/stats`)).body
    if (stats.posts >= expected) break
    await new Promise((r) => setTimeout(r, 250))
  }
  const seconds = Math.max(0.001, ((stats.last || Date.now()) - at) / 1000)
  return { count: stats.posts, rps: round(stats.posts / seconds) }
}
