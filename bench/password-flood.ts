import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLeadflow } from '../test/helpers/child-server.js'
import { passwordFlood } from '../test/helpers/password-flood.js'

/**
 * `npx tsx bench/password-flood.ts` — issue 12's wrong-password flood against a leadflow process of
 * its own (SQLite, demo world, through tsx): 200 wrong source passwords, 20 at a time, while
 * /healthz is sampled. Reports /healthz under the flood against idle and fails (exit 1) above the
 * threshold. Before issue 12 the median went from 61 ms to 2.1 s (ratio ≈ 34).
 */
const MAX_MEDIAN_RATIO = 5
// Ratios of sub-millisecond medians are noise; below this floor the median passes whatever the ratio.
const MEDIAN_FLOOR_MS = 20

const dataDir = mkdtempSync(join(tmpdir(), 'lf-flood-'))
const server = await startLeadflow({ dataDir, built: false })
try {
  const result = await passwordFlood(server.url, 200, 20)
  const { idle, flood, failures } = result.healthz
  const ratio = flood.medianMs / Math.max(idle.medianMs, 0.1)
  console.table({ idle, flood })
  console.log(
    `median ratio flood/idle: ${ratio.toFixed(1)} (threshold ${MAX_MEDIAN_RATIO}); healthz failures ${failures}`,
  )
  console.log('answers:', result.statuses, result.details)
  const ok = failures === 0 && (flood.medianMs <= MEDIAN_FLOOR_MS || ratio <= MAX_MEDIAN_RATIO)
  if (!ok) process.exitCode = 1
} finally {
  await server.stop(5000)
  rmSync(dataDir, { recursive: true, force: true })
}
