import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { REPO_ROOT } from '../helpers/child-server.js'
import { buildConsoleOnce } from '../helpers/console-build.js'

/** Debian's chromium, not a Playwright download (DESIGN.md, Dependencies). */
export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

/** Screenshots docs/console.md shows; the browser tests write them. */
export const SCREENSHOTS = join(REPO_ROOT, 'docs', 'console')

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

/**
 * `vite build` of the console into console/dist (what leadflow serves at /console/), once per set
 * of sources and under a lock, so browser test files running in parallel never serve half a build
 * (test/helpers/console-build.ts).
 */
export const buildConsole = buildConsoleOnce

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
 * A full-page screenshot into docs/console/<name>.png. The sticky bar and nav are laid out
 * statically for it (a full-page capture would paint them mid-page) and the result toasts hidden.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const fullPage = options.fullPage ?? true
  const style = fullPage
    ? await page.addStyleTag({
        content:
          '.topbar,.sidenav{position:static!important}.sidenav{height:auto!important;align-self:stretch}.toasts{display:none!important}',
      })
    : null
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' })
  await style?.evaluate((node) => (node as Element).remove())
}

/** Signs in on the sign-in screen and waits for the nav. */
export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/console/`)
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
