import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { REPO_ROOT } from '../helpers/child-server.js'

/** Debian's chromium, not a Playwright download (DESIGN.md, Dependencies). */
export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

/**
 * Where the browser tests put their screenshots: docs/<area>/ (the pictures docs/console.md and
 * docs/portals.md show) when LEADFLOW_DOC_SCREENSHOTS=1 (`npm run docs:screenshots`), else a
 * scratch directory, so an ordinary test run still takes every picture but leaves the tree clean.
 */
export function screenshotDir(area: 'console' | 'portals'): string {
  const dir =
    process.env.LEADFLOW_DOC_SCREENSHOTS === '1'
      ? join(REPO_ROOT, 'docs', area)
      : join(tmpdir(), `leadflow-screenshots-${process.pid}`, area)
  mkdirSync(dir, { recursive: true })
  return dir
}

const SCREENSHOTS = screenshotDir('console')

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Without chromium a browser test file registers one skipped test (so the totals show it) and
 * says so loudly; on CI (CI=true), where .ci/run installs chromium, that test fails instead.
 */
export function requireChromium(file: string): boolean {
  if (hasChromium) return true
  console.warn(`\n!!! SKIPPED ${file}: ${CHROMIUM} is missing (apt-get install -y chromium) !!!\n`)
  test('console in a browser: chromium is installed', {
    skip: process.env.CI !== 'true' && `${CHROMIUM} not installed`,
  }, () => {
    assert.fail(`${CHROMIUM} is missing on CI (CI=true): .ci/run must install chromium`)
  })
  return false
}

const LOCK = join(REPO_ROOT, 'console', '.build-lock')
const STALE_LOCK_MS = 5 * 60_000

function newestInput(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestInput(path) : statSync(path).mtimeMs)
  }
  return newest
}

function upToDate(): boolean {
  const index = join(REPO_ROOT, 'console', 'dist', 'index.html')
  if (!existsSync(index)) return false
  const inputs = [join(REPO_ROOT, 'console', 'src'), join(REPO_ROOT, 'console', 'public')].map(newestInput)
  const files = ['index.html', 'vite.config.ts'].map((f) => statSync(join(REPO_ROOT, 'console', f)).mtimeMs)
  return Math.max(...inputs, ...files) < statSync(index).mtimeMs
}

/**
 * `vite build` of the console into console/dist (what leadflow serves at /console/), once: the
 * browser test files run in parallel and serve that one folder, so they take a lock (a directory,
 * created atomically) and only the first rebuilds when a source is newer than the build; the
 * others wait, then find it fresh, so no test's folder is emptied under it.
 */
export function buildConsole(): void {
  const deadline = Date.now() + 5 * 60_000
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const lockedAt = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs
      if (lockedAt !== undefined && Date.now() - lockedAt > STALE_LOCK_MS)
        rmSync(LOCK, { recursive: true, force: true })
      assert.ok(Date.now() < deadline, 'waited 5 minutes for another console build')
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200)
    }
  }
  try {
    if (upToDate()) return
    const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
    const run = spawnSync(
      process.execPath,
      [vite, 'build', '--config', 'console/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    )
    assert.equal(run.status, 0, `console build failed:\n${run.stdout}\n${run.stderr}`)
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}

export interface Browser {
  context: BrowserContext
  page: Page
  /** Errors the page threw or logged: a test asserts there were none. */
  errors: string[]
  close(): Promise<void>
}

/** One chromium for a test file, one page reused by its tests; generous waits for loaded machines. */
export async function openBrowser(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'lf-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(30_000)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (401|403|404|400|409)/.test(message.text()))
      errors.push(message.text())
  })
  return {
    context,
    page,
    errors,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/**
 * A full-page screenshot into docs/console/<name>.png (see screenshotDir). The sticky bar and nav are laid out
 * statically for it (a full-page capture would paint them mid-page) and the result toasts hidden.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const fullPage = options.fullPage ?? true
  const style = fullPage
    ? await page.addStyleTag({
        content:
          '.topbar,.sidenav{position:static!important}.sidenav{height:auto!important;align-self:stretch}.body{min-height:calc(100vh - 40px)}.toasts{display:none!important}',
      })
    : null
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' })
  await style?.evaluate((node) => (node as Element).remove())
}

/** Signs in on the sign-in screen and waits for the nav. */
export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  const answer = await page.goto(`${base}/console/`)
  try {
    await page.getByLabel('Email').waitFor()
  } catch (error) {
    // Say what the page showed instead, so a failure on a loaded CI machine can be read.
    const shown = (
      (await page
        .locator('body')
        .textContent()
        .catch(() => '')) ?? ''
    ).slice(0, 500)
    throw new Error(
      `no sign-in form at ${page.url()} (HTTP ${answer?.status()}); the page shows: ${JSON.stringify(shown)}`,
      { cause: error },
    )
  }
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Screens' }).waitFor()
}

/** The page is no wider than its viewport: nothing overflows sideways. */
export async function assertNoOverflow(page: Page, where: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }))
  assert.ok(scroll <= client + 1, `${where}: the page is ${scroll}px wide in a ${client}px viewport`)
}
