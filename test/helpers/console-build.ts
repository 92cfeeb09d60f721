import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { REPO_ROOT } from './child-server.js'

const CONSOLE = join(REPO_ROOT, 'console')
const DIST = join(CONSOLE, 'dist')
const STAMP = join(DIST, '.sources-sha256')
const LOCK = join(CONSOLE, '.build-lock')

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? files(path) : [path]
    })
}

/** What the build is made of: the console's sources, its config and the API types it compiles against. */
function sourcesHash(): string {
  const hash = createHash('sha256')
  const inputs = [
    ...files(join(CONSOLE, 'src')),
    join(CONSOLE, 'index.html'),
    join(CONSOLE, 'vite.config.ts'),
  ]
  if (existsSync(join(CONSOLE, 'public'))) inputs.push(...files(join(CONSOLE, 'public')))
  for (const path of inputs) hash.update(path).update(readFileSync(path))
  return hash.digest('hex')
}

/**
 * Builds console/dist once for the sources as they are. Browser test files run in parallel
 * (scripts/run-tests.mjs) and the app serves console/dist: a lock directory serializes builders,
 * a stamp of the sources lets the second file reuse the first one's build, and a new build is
 * written beside the old one and swapped in by rename, so a page being tested never finds its
 * assets half-deleted.
 */
export async function buildConsoleOnce(): Promise<void> {
  const deadline = Date.now() + 300_000
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch {
      // A lock left by a killed run is older than any build takes.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 600_000)
        rmSync(LOCK, { recursive: true, force: true })
      assert.ok(Date.now() < deadline, `waited 5 minutes for ${LOCK}`)
      await sleep(250)
    }
  }
  try {
    const want = sourcesHash()
    if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === want) return
    const next = `${DIST}.next-${process.pid}`
    const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
    const run = spawnSync(
      process.execPath,
      [
        vite,
        'build',
        '--config',
        'console/vite.config.ts',
        '--logLevel',
        'warn',
        '--outDir',
        next,
        '--emptyOutDir',
      ],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    )
    assert.equal(run.status, 0, `console build failed:\n${run.stdout}\n${run.stderr}`)
    writeFileSync(join(next, '.sources-sha256'), want)
    const old = `${DIST}.old-${process.pid}`
    if (existsSync(DIST)) renameSync(DIST, old)
    renameSync(next, DIST)
    rmSync(old, { recursive: true, force: true })
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}
