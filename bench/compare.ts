import type { LeadflowChild } from '../test/helpers/child-server.js'
import { type LoadResult, type LoadSpec, runLoad, send } from './load.js'
import { peakRssDuring, round } from './rss.js'

export interface BenchContext {
  readonly quick: boolean
  readonly durationS: number
  readonly connections: number
  readonly prefill: number
  readonly dataDir: string
  readonly baselineUrl: string
  /** leadflow runs from dist/ (npm run build) rather than through tsx. */
  readonly built: boolean
  /** The running leadflow; scenario 5 replaces it with a restarted one. */
  leadflow: LeadflowChild
  /** Highest VmHWM of any leadflow process of this run, MB. */
  hwmMb: number
}

export interface ScenarioResult {
  id: string
  name: string
  available: boolean
  reason?: string
  connections?: number
  leadflow?: LoadResult
  baseline?: LoadResult
  /** leadflow requests/s ÷ baseline requests/s. */
  ratio?: number
  peakRssMb?: number
  extra?: Record<string, number | string>
}

export type LoadShape = Omit<LoadSpec, 'url' | 'durationS' | 'connections'>

/** One probe post: `undefined` when the endpoint answers, else why the scenario cannot run. */
export async function probe(ctx: BenchContext, shape: LoadShape): Promise<string | undefined> {
  const { status, text } = await send(`${ctx.leadflow.url}${shape.path}`, {
    body: shape.body(0x7fffffff - Math.floor(Math.random() * 1e6)),
    headers: { 'content-type': shape.contentType ?? 'application/json' },
  })
  if (status === 404 || status === 405)
    return `POST ${shape.path.split('?')[0]} answers ${status}: not available yet`
  if (status >= 500) return `POST ${shape.path.split('?')[0]} answers ${status}: ${text.slice(0, 200)}`
  return undefined
}

/**
 * Runs the same load against the baseline, then against leadflow (each after a one-second
 * warm-up unless `warmup: false`), sampling leadflow's memory meanwhile; `onStart` runs just
 * before the measured leadflow load.
 */
export async function compare(
  ctx: BenchContext,
  shape: LoadShape,
  connections = ctx.connections,
  options: { warmup?: boolean; onStart?: () => Promise<void> } = {},
): Promise<Pick<ScenarioResult, 'leadflow' | 'baseline' | 'ratio' | 'peakRssMb' | 'connections'>> {
  const at = (url: string, durationS: number): LoadSpec => ({ ...shape, url, durationS, connections })
  await runLoad(at(ctx.baselineUrl, 1))
  const baseline = await runLoad(at(ctx.baselineUrl, ctx.durationS))
  if (options.warmup !== false) await runLoad(at(ctx.leadflow.url, 1))
  await options.onStart?.()
  const measured = await peakRssDuring(
    () => ctx.leadflow.pid,
    () => runLoad(at(ctx.leadflow.url, ctx.durationS)),
  )
  ctx.hwmMb = Math.max(ctx.hwmMb, measured.hwmMb)
  return {
    connections,
    baseline,
    leadflow: measured.value,
    ratio: baseline.rps > 0 ? round(measured.value.rps / baseline.rps, 3) : 0,
    peakRssMb: measured.peakMb,
  }
}
