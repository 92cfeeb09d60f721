import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { memoryOf, REPO_ROOT, startLeadflow } from '../test/helpers/child-server.js'
import type { BenchContext, ScenarioResult } from './compare.js'
import { cpuPerPost } from './cpu-scenario.js'
import { postgresAvailable, postgresRows } from './postgres-scenarios.js'
import { killAllNow, startListener, stopAll, track } from './processes.js'
import { extras, table, targets, targetTable } from './report.js'
import { round } from './rss.js'
import { asyncIntake, intakeNoSell, pingPost, reportAtScale, scaling, waterfall } from './scenarios.js'

/**
 * `npm run bench [-- --quick] [--duration s] [--connections n] [--prefill n] [--only cpu,1,3,pg] [--tsx] [--keep]
 *   [--cpu-prof dir]`
 * Builds leadflow (`npm run build`, a few seconds) and starts the compiled `dist/main.js` (SQLite
 * on disk, WAL, LOG_LEVEL=warn) and the baseline as their own processes, runs the scenarios of
 * docs/performance.md, prints a table and writes bench/results.json. `--tsx` runs the sources
 * through tsx instead, as `npm run dev` does: its transpiler and source maps cost about 35 MB of
 * resident memory and a slower first minute, which a deployment built with `npm run build` does
 * not pay. `--cpu-prof dir` writes a V8 CPU profile of the (first) leadflow process into dir.
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    connections: { type: 'string', default: '50' },
    prefill: { type: 'string' },
    only: { type: 'string', default: 'cpu,1,2,3,4,5,6,pg' },
    keep: { type: 'boolean', default: false },
    // The compiled build is the default; `--built` stays accepted for older command lines.
    built: { type: 'boolean', default: true },
    tsx: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
})

const quick = values.quick ?? false
const only = new Set((values.only ?? '').split(','))

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadflow-bench-'))
  const startedAt = new Date()
  const load = loadavg()
  try {
    const baseline = await startListener('bench/baseline-server.ts', [])
    const built = !values.tsx
    if (built) execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' })
    const profileDir = values['cpu-prof']
    const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
    const leadflow = track(await startLeadflow({ dataDir, built, nodeArgs }))
    const ctx: BenchContext = {
      quick,
      durationS: Number(values.duration ?? (quick ? 3 : 10)),
      connections: Number(values.connections),
      prefill: Number(values.prefill ?? (quick ? 100_000 : 1_000_000)),
      dataDir,
      baselineUrl: baseline.url,
      built,
      leadflow,
      hwmMb: 0,
    }
    console.log(
      `leadflow pid ${leadflow.pid} on ${leadflow.url}, baseline on ${baseline.url}, data in ${dataDir}`,
    )
    const results = await runScenarios(ctx)
    ctx.hwmMb = Math.max(ctx.hwmMb, round(memoryOf(ctx.leadflow.pid).peak / 1024 / 1024))
    report(ctx, results, startedAt, load)
  } finally {
    await stopAll()
    if (!values.keep) rmSync(dataDir, { recursive: true, force: true })
  }
}

async function runScenarios(ctx: BenchContext): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = []
  const step = async (id: string, run: () => Promise<ScenarioResult>) => {
    if (!only.has(id)) return
    const t0 = Date.now()
    process.stdout.write(`scenario ${id} … `)
    const result = await run().catch((error: unknown) => failed(id, error))
    results.push(result)
    console.log(
      result.available ? `done in ${((Date.now() - t0) / 1000).toFixed(0)} s` : `skipped: ${result.reason}`,
    )
  }
  await step('cpu', () => cpuPerPost(ctx))
  await step('1', () => intakeNoSell(ctx))
  await step('2', () => waterfall(ctx))
  await step('3', () => pingPost(ctx))
  await step('4', () => asyncIntake(ctx))
  const first = results.find((r) => r.id === '1')
  await step('5', () => scaling(ctx, first ?? failed('1', new Error('scenario 1 was not selected'))))
  await step('6', () => reportAtScale(ctx))
  if (only.has('pg')) {
    process.stdout.write('PostgreSQL rows … ')
    const missing = await postgresAvailable()
    if (missing) console.log(`skipped: ${missing}`)
    else {
      const baseline = results.find((r) => r.id === '1')?.baseline?.rps
      for (const nodes of [1, 2] as const) results.push(...(await postgresRows(ctx, nodes, baseline)))
      console.log('done')
    }
  }
  return results
}

function failed(id: string, error: unknown): ScenarioResult {
  return { id, name: `scenario ${id}`, available: false, reason: `failed: ${(error as Error).message}` }
}

function report(ctx: BenchContext, results: ScenarioResult[], startedAt: Date, load: number[]) {
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: load.map((n) => Number(n.toFixed(2))),
  }
  const verdicts = targets(results, ctx.hwmMb)
  console.log(`\n${table(results)}\n\n${extras(results)}\n\n${targetTable(verdicts)}`)
  console.log(
    `\nmachine: ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`,
  )
  const settings = {
    quick,
    durationS: ctx.durationS,
    connections: ctx.connections,
    prefill: ctx.prefill,
    leadflowFrom: ctx.built ? 'dist/main.js' : 'src/main.ts through tsx',
  }
  const file = join(REPO_ROOT, 'bench', 'results.json')
  const out = {
    startedAt: startedAt.toISOString(),
    machine,
    settings,
    peakRssMb: ctx.hwmMb,
    targets: verdicts,
    results,
  }
  writeFileSync(file, `${formatJson(out)}\n`)
  console.log(`wrote ${file}`)
}

/** JSON.stringify with arrays of plain values on one line, as `npm run lint` (Biome) formats it. */
function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s*([^[\]{}]*?)\s*\]/g, (whole, items: string) => {
    const line = `[${(JSON.parse(`[${items}]`) as unknown[]).map((item) => JSON.stringify(item)).join(', ')}]`
    return line.length <= 80 ? line : whole
  })
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllNow()
    process.exit(130)
  })
}

const deadline = setTimeout(
  () => {
    console.error('bench: overall time limit reached, stopping')
    killAllNow()
    process.exit(2)
  },
  (quick ? 5 : 30) * 60_000,
)
deadline.unref()

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    killAllNow()
    process.exit(1)
  },
)
