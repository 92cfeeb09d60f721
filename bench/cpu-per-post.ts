import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { REPO_ROOT } from '../test/helpers/child-server.js'
import { configureBuyers } from './configure.js'
import { leadExecJson } from './leads.js'
import { startBuyer } from './processes.js'

/**
 * CPU time of one synchronous `noSell` post (bench scenario 1's request), measured in process:
 * the app is built over a fresh SQLite file, as `leadflow serve --demo` builds it, and posts go
 * through `app.inject`, `inFlight` at a time, so the group commit sees the concurrency it sees over
 * HTTP. `process.cpuUsage()` over `posts` posts, after a warm-up, divided by their number: the
 * cost of a post without the sockets and without the neighbours the HTTP numbers carry. Runs as
 * its own process (bench/run.ts starts it), from `dist/` when built, else from `src/` through tsx.
 * Prints one JSON line.
 *
 * `--async`: the whole life of an async post instead (scenario 4's request): posts are accepted
 * with the worker stopped, then the worker runs them — `intake.process`, the sale to one HTTP
 * buyer, `webhooks.fanout`, the `returnurl` callback — until buyer and callback receiver have them
 * all. Printed apart: CPU per accepted post, and CPU per lead of the job path. Buyer and callback
 * receiver are bench/buyer-server.ts processes, so their CPU is not counted.
 *
 * `--waterfall`: scenario 2's request instead: a sync post sold by a waterfall of three HTTP
 * contracts, the first two rejecting, each buyer a bench/buyer-server.ts process answering after
 * 1 ms (configured as bench/configure.ts configures the bench), so only leadflow's CPU counts.
 * Also prints the mean wall time of a post, which the buyers' latency and any queueing set.
 */
const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '5000' },
    warmup: { type: 'string', default: '1000' },
    'in-flight': { type: 'string', default: '50' },
    rounds: { type: 'string', default: '1' },
    src: { type: 'boolean', default: false },
    async: { type: 'boolean', default: false },
    waterfall: { type: 'boolean', default: false },
    workers: { type: 'string' },
  },
})

const from = values.src ? 'src' : 'dist'
const ext = values.src ? 'ts' : 'js'
const load = <T>(path: string): Promise<T> =>
  import(pathToFileURL(join(REPO_ROOT, from, `${path}.${ext}`)).href)

interface Started {
  app: FastifyInstance
  startWorker: () => Promise<void>
  close: () => Promise<void>
}

async function start(dataDir: string): Promise<Started> {
  const { loadConfig } = await load<typeof import('../src/config.js')>('config')
  const { openServices } = await load<typeof import('../src/app/open-services.js')>('app/open-services')
  const { buildApp } = await load<typeof import('../src/http/build-app.js')>('http/build-app')
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    LEADFLOW_DATA_DIR: dataDir,
    LEADFLOW_CONFIG: join(dataDir, 'leadflow.yaml'),
    LEADFLOW_RATE_LIMIT_IP: '10000000',
    LEADFLOW_RATE_LIMIT_CREDENTIAL: '10000000',
    LEADFLOW_OUTBOUND_ALLOW: '127.0.0.1,localhost',
    ...(values.workers ? { LEADFLOW_WORKERS: values.workers } : {}),
  }
  const config = loadConfig(env, { demo: true })
  const services = await openServices(config)
  await services.admin.seedDemo()
  const app = await buildApp(config, services)
  await app.ready()
  const close = async () => {
    await app.close()
    await services.close()
  }
  return { app, startWorker: () => services.worker.start(), close }
}

type Post = (app: FastifyInstance, n: number) => Promise<void>

function syncPost(noSell: boolean): Post {
  return async (app, n) => {
    const res = await app.inject({
      method: 'POST',
      url: '/processor/insert/general/json',
      headers: { 'content-type': 'application/json' },
      payload: leadExecJson(n, { noSell }),
    })
    if (!res.body.includes('"isValidPost":true'))
      throw new Error(`post refused: ${res.statusCode} ${res.body}`)
  }
}

function asyncPost(returnUrl: string): Post {
  return async (app, n) => {
    const res = await app.inject({
      method: 'POST',
      url: `/processor/insert/general/json/async?returnurl=${encodeURIComponent(returnUrl)}`,
      headers: { 'content-type': 'application/json' },
      payload: leadExecJson(n, { returnUrl }),
    })
    if (!res.body.includes('"QueueSuccessful":true'))
      throw new Error(`post refused: ${res.statusCode} ${res.body}`)
  }
}

/** Posts `count` leads numbered from `first`, `inFlight` at a time. */
async function postMany(app: FastifyInstance, post: Post, first: number, count: number, inFlight: number) {
  let next = first
  const end = first + count
  const lane = async () => {
    while (next < end) await post(app, next++)
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
}

const cpuNow = () => {
  const used = process.cpuUsage()
  return used.user + used.system
}

async function received(url: string): Promise<number> {
  const res = await fetch(`${url}/stats`)
  return ((await res.json()) as { posts: number }).posts
}

async function waitFor(urls: string[], expected: number): Promise<void> {
  const deadline = Date.now() + 600_000
  while (Date.now() < deadline) {
    const counts = await Promise.all(urls.map(received))
    if (counts.every((c) => c >= expected)) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('the queue did not drain within 10 minutes')
}

/** The async pipeline: accept `posts` with the worker stopped, then drain them; CPU of each part. */
async function measureAsync(started: Started, posts: number, inFlight: number) {
  const [buyer, callbacks] = await Promise.all([
    startBuyer({ mode: 'accept', latencyMs: 1 }),
    startBuyer({ mode: 'accept' }),
  ])
  try {
    const address = await started.app.listen({ port: 0, host: '127.0.0.1' })
    const configured = await configureBuyers(address, 'waterfall', [{ url: buyer.url, priceCents: 2000 }])
    if (!configured.ok) throw new Error(configured.reason)
    const post = asyncPost(`${callbacks.url}/cb`)
    const n = 1_000_000 + Math.floor(Math.random() * 1_000_000) * 10
    const t0 = cpuNow()
    await postMany(started.app, post, n, posts, inFlight)
    const t1 = cpuNow()
    const w0 = performance.now()
    await started.startWorker()
    await waitFor([buyer.url, callbacks.url], posts)
    const seconds = (performance.now() - w0) / 1000
    const t2 = cpuNow()
    return {
      cpu_us_per_async_post: Math.round((t1 - t0) / posts),
      cpu_us_per_lead_job_path: Math.round((t2 - t1) / posts),
      job_path_leads_per_s: Math.round(posts / seconds),
      posts,
      in_flight: inFlight,
      rss_mb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    }
  } finally {
    await Promise.all([buyer.child.stop(1000), callbacks.child.stop(1000)])
  }
}

/** Scenario 2's three buyers, configured as the bench configures them: two reject, the third accepts. */
async function withWaterfall<T>(started: Started, work: () => Promise<T>): Promise<T> {
  const buyers = await Promise.all([
    startBuyer({ mode: 'reject', latencyMs: 1 }),
    startBuyer({ mode: 'reject', latencyMs: 1 }),
    startBuyer({ mode: 'accept', latencyMs: 1 }),
  ])
  try {
    const address = await started.app.listen({ port: 0, host: '127.0.0.1' })
    const configured = await configureBuyers(
      address,
      'waterfall',
      buyers.map((b, i) => ({ url: b.url, priceCents: 3000 - i * 500 })),
    )
    if (!configured.ok) throw new Error(configured.reason)
    const result = await work()
    const sold = await received(buyers[2]!.url)
    const expected = Number(values.warmup) + Number(values.posts) * Number(values.rounds)
    if (sold !== expected) throw new Error(`the third buyer got ${sold} posts, not ${expected}`)
    return result
  } finally {
    await Promise.all(buyers.map((b) => b.child.stop(1000)))
  }
}

/** CPU per sync post over `rounds` rounds of `posts`, after `warmup` posts. */
async function measureSync(app: FastifyInstance, post: Post, posts: number, inFlight: number) {
  let n = 1_000_000 + Math.floor(Math.random() * 1_000_000) * 10
  await postMany(app, post, n, Number(values.warmup), inFlight)
  n += Number(values.warmup)
  const perPostUs: number[] = []
  const wallMs: number[] = []
  for (let round = 0; round < Number(values.rounds); round++) {
    const before = process.cpuUsage()
    const w0 = performance.now()
    await postMany(app, post, n, posts, inFlight)
    n += posts
    const used = process.cpuUsage(before)
    perPostUs.push(Math.round((used.user + used.system) / posts))
    wallMs.push(Math.round(((performance.now() - w0) * inFlight * 100) / posts) / 100)
  }
  return { perPostUs, wallMs }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadflow-cpu-'))
  const posts = Number(values.posts)
  const inFlight = Number(values['in-flight'])
  const started = await start(dataDir)
  const { app, close } = started
  try {
    if (values.async) {
      console.log(JSON.stringify(await measureAsync(started, posts, inFlight)))
      return
    }
    if (values.waterfall) {
      const { perPostUs, wallMs } = await withWaterfall(started, () =>
        measureSync(app, syncPost(false), posts, inFlight),
      )
      const rss = Math.round(process.memoryUsage().rss / 1024 / 1024)
      console.log(
        JSON.stringify({
          cpu_us_per_waterfall_post: perPostUs,
          wall_ms_per_post: wallMs,
          posts,
          in_flight: inFlight,
          rss_mb: rss,
        }),
      )
      return
    }
    const { perPostUs } = await measureSync(app, syncPost(true), posts, inFlight)
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024)
    console.log(JSON.stringify({ cpu_us_per_post: perPostUs, posts, in_flight: inFlight, rss_mb: rss }))
  } finally {
    await close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
