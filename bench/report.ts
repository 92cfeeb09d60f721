import type { ScenarioResult } from './compare.js'

export interface Target {
  target: string
  measured: string
  verdict: 'PASS' | 'MISS' | 'n/a'
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '' : n.toFixed(digits))

/** One line per scenario: leadflow and its baseline under the same load. */
export function table(results: ScenarioResult[]): string {
  const head = [
    '#',
    'scenario',
    'conn',
    'req/s',
    'base req/s',
    'ratio',
    'p50',
    'p99',
    'max',
    'RSS MB',
    'err',
    'non2xx',
    'refused',
  ]
  // A measure without a load run (the in-process CPU per post) shows under the table only.
  const rows = results
    .filter((r) => !r.available || r.leadflow)
    .map((r) =>
      r.available && r.leadflow
        ? [
            r.id,
            r.name,
            String(r.connections ?? ''),
            fmt(r.leadflow.rps),
            fmt(r.baseline?.rps),
            fmt(r.ratio, 2),
            fmt(r.leadflow.p50),
            fmt(r.leadflow.p99),
            fmt(r.leadflow.max),
            fmt(r.peakRssMb),
            String(r.leadflow.errors),
            String(r.leadflow.non2xx),
            String(r.leadflow.refused),
          ]
        : [r.id, r.name, '', `not available: ${r.reason ?? ''}`, '', '', '', '', '', '', '', '', ''],
    )
  return render([head, ...rows])
}

/** Markdown-ready rendering of the same table (docs/performance.md). */
export function render(rows: string[][]): string {
  const widths = rows[0].map((_, c) =>
    Math.max(...rows.map((r) => (c === 3 && r[c].startsWith('not available') ? 0 : r[c].length))),
  )
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`
  return [
    line(rows[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n')
}

export function extras(results: ScenarioResult[]): string {
  return results
    .filter((r) => r.extra || (r.leadflow?.sample ?? '') !== '')
    .map((r) => {
      const parts = Object.entries(r.extra ?? {}).map(([k, v]) => `${k}=${v}`)
      if (r.leadflow?.sample) parts.push(`first refused answer: ${r.leadflow.sample}`)
      return `  ${r.id}. ${parts.join(', ')}`
    })
    .join('\n')
}

/**
 * The targets of issue 17 (round 4), each judged PASS or MISS (n/a when its scenario could not
 * run); scenario 3's is issue 7's. Every one is a ratio within the run or an in-process measure.
 */
export function targets(results: ScenarioResult[], hwmMb: number): Target[] {
  const byId = new Map(results.map((r) => [r.id, r]))
  const s1 = byId.get('1')
  const s2 = byId.get('2')
  const s3 = byId.get('3')
  const s5 = byId.get('5')
  const cpu = byId.get('cpu')
  const out: Target[] = []
  const judge = (target: string, ok: boolean | undefined, measured: string) =>
    out.push({ target, measured, verdict: ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS' })
  const perPost = Number(cpu?.extra?.cpu_us_per_post_median)
  judge(
    'sync post ≤ 200 µs CPU in process',
    cpu?.available ? perPost <= 200 : undefined,
    cpu?.available ? `${perPost} µs (rounds: ${cpu.extra?.cpu_us_per_post})` : 'not run',
  )
  const s1ok = s1?.leadflow ? (s1.ratio ?? 0) >= 0.15 && s1.leadflow.p99 <= 40 : undefined
  judge(
    'scenario 1 ≥ 0.15 of baseline, p99 ≤ 40 ms',
    s1ok,
    s1?.leadflow
      ? `ratio ${fmt(s1.ratio, 2)}, p99 ${s1.leadflow.p99} ms at ${s1.connections} connections`
      : 'not run',
  )
  const fall = s1?.leadflow && s2?.leadflow ? s2.leadflow.rps / s1.leadflow.rps : undefined
  judge(
    'scenario 2 ≥ 0.5 of scenario 1',
    fall === undefined ? undefined : fall >= 0.5,
    fall === undefined
      ? 'not run'
      : `${fmt(fall, 2)} (${fmt(s2?.leadflow?.rps)} / ${fmt(s1?.leadflow?.rps)} req/s)`,
  )
  const added = Number(s3?.extra?.added_p50_ms)
  judge(
    'scenario 3 added latency p50 ≤ 3 ms',
    s3?.leadflow ? added <= 3 : undefined,
    s3?.leadflow
      ? `${added} ms one at a time (${s3.extra?.added_p50_ms_over_direct} ms over the slowest bidder asked directly); ${s3.extra?.[`added_p50_ms_at_${s3.connections}_conn`]} ms at ${s3.connections} connections`
      : 'not run',
  )
  for (const id of ['4', '4p1', '4p2']) drainTarget(byId.get(id), judge)
  // The literal ratio of the two leadflow runs; the baseline-normalized one is shown beside it.
  const scale = Number(s5?.extra?.rps_ratio_to_empty)
  judge(
    'scenario 5 ratio ≥ 0.9',
    s5?.leadflow ? scale >= 0.9 : undefined,
    s5?.leadflow ? `${scale} (${s5.extra?.baseline_normalized_ratio} normalized by the baseline)` : 'not run',
  )
  // Judged only when a SQLite scenario loaded the process whose memory it is (not for `--only pg`).
  const loaded = hwmMb > 0 && results.some((r) => r.peakRssMb !== undefined)
  judge('peak RSS ≤ 200 MB', loaded ? hwmMb <= 200 : undefined, `${hwmMb} MB (VmHWM)`)
  return out
}

/**
 * "The queue keeps up": what reached the buyer and the callback receiver per second, from the start
 * of the load to the last one, at least 0.9 of the rate posts were accepted at.
 */
function drainTarget(
  r: ScenarioResult | undefined,
  judge: (target: string, ok: boolean | undefined, measured: string) => void,
) {
  if (!r) return
  const target = `scenario ${r.id} buyer and callback drain ≥ 0.9 of accept rate`
  const accepted = r.leadflow?.rps
  if (!r.available || !accepted) return judge(target, undefined, 'not run')
  const buyer = Number(r.extra?.buyer_drain_rps) / accepted
  const callbacks = Number(r.extra?.callback_drain_rps) / accepted
  judge(
    target,
    buyer >= 0.9 && callbacks >= 0.9,
    `${fmt(buyer, 2)} / ${fmt(callbacks, 2)} (${r.extra?.buyer_drain_rps} / ${r.extra?.callback_drain_rps} of ${fmt(accepted)} accepted/s)`,
  )
}

export function targetTable(list: Target[]): string {
  return render([['target', 'measured', 'verdict'], ...list.map((t) => [t.target, t.measured, t.verdict])])
}
