import { spawnTsx } from '../test/helpers/child-server.js'
import type { BenchContext, ScenarioResult } from './compare.js'
import { track } from './processes.js'

/**
 * The in-process measure of issue 17: CPU time per synchronous noSell post over 5,000 posts
 * (bench/cpu-per-post.ts, its own process), three rounds; the median is judged.
 */
export async function cpuPerPost(ctx: BenchContext): Promise<ScenarioResult> {
  const name = 'CPU per sync noSell post, in process (5,000 posts, 50 in flight)'
  const args = ['--posts', '5000', '--rounds', '3', ...(ctx.built ? [] : ['--src'])]
  const child = track(spawnTsx('bench/cpu-per-post.ts', args))
  const how = await child.exited
  const line = child
    .output()
    .split('\n')
    .find((l) => l.startsWith('{"cpu_us_per_post"'))
  if (!line) return { id: 'cpu', name, available: false, reason: `${how}: ${child.output().slice(-400)}` }
  const measured = JSON.parse(line) as { cpu_us_per_post: number[]; rss_mb: number }
  const sorted = [...measured.cpu_us_per_post].sort((a, b) => a - b)
  return {
    id: 'cpu',
    name,
    available: true,
    extra: {
      cpu_us_per_post: measured.cpu_us_per_post.join('/'),
      cpu_us_per_post_median: sorted[Math.floor(sorted.length / 2)]!,
      in_process_rss_mb: measured.rss_mb,
    },
  }
}
