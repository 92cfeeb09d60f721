import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import Fastify, { type FastifyInstance } from 'fastify'
import { consoleRoutes } from '../../src/http/console-routes.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

const INDEX = '<!doctype html><title>leadflow console</title><div id="root"></div>'

function tinyDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lf-console-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), INDEX)
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("hi")\n')
  writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{margin:0}\n')
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  return dir
}

async function appServing(distDir: string): Promise<FastifyInstance> {
  const app = Fastify()
  app.get('/healthz', async () => ({ status: 'ok' }))
  await app.register(consoleRoutes, { distDir })
  await app.ready()
  return app
}

describe('console routes with a built console', () => {
  let dir: string
  let app: FastifyInstance
  before(async () => {
    dir = tinyDist()
    app = await appServing(dir)
  })
  after(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('/console/ serves index.html, revalidated on each load', async () => {
    const res = await app.inject({ method: 'GET', url: '/console/' })
    assert.equal(res.statusCode, 200)
    assert.match(res.headers['content-type'] as string, /^text\/html/)
    assert.equal(res.headers['cache-control'], 'no-cache')
    assert.equal(res.body, INDEX)
  })

  test('/console without the slash reaches the console too', async () => {
    const res = await app.inject({ method: 'GET', url: '/console' })
    assert.ok([200, 301, 302].includes(res.statusCode), `status ${res.statusCode}`)
    if (res.statusCode === 200) assert.equal(res.body, INDEX)
    else assert.equal(res.headers.location, '/console/')
  })

  test('screens of the single-page app fall back to index.html', async () => {
    for (const url of ['/console/leads', '/console/leads/42', '/console/buyers?x=1']) {
      const res = await app.inject({ method: 'GET', url })
      assert.equal(res.statusCode, 200, url)
      assert.equal(res.body, INDEX, url)
      assert.match(res.headers['content-type'] as string, /^text\/html/, url)
    }
  })

  test('assets carry their content type and a long cache', async () => {
    const js = await app.inject({ method: 'GET', url: '/console/assets/index-abc123.js' })
    assert.equal(js.statusCode, 200)
    assert.match(js.headers['content-type'] as string, /javascript/)
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable')
    const css = await app.inject({ method: 'GET', url: '/console/assets/index-abc123.css' })
    assert.match(css.headers['content-type'] as string, /^text\/css/)
    const svg = await app.inject({ method: 'GET', url: '/console/favicon.svg' })
    assert.match(svg.headers['content-type'] as string, /^image\/svg\+xml/)
  })

  test('a missing file is 404, not the app', async () => {
    const res = await app.inject({ method: 'GET', url: '/console/assets/gone-000.js' })
    assert.equal(res.statusCode, 404)
    assert.equal(res.json().error.code, 'LF_NOT_FOUND')
  })

  test('files outside the dist folder are not reachable', async () => {
    const res = await app.inject({ method: 'GET', url: '/console/../../package.json' })
    assert.notEqual(res.statusCode, 200)
    const encoded = await app.inject({ method: 'GET', url: '/console/%2e%2e/%2e%2e/package.json' })
    assert.ok(!encoded.body.includes('"name"'))
  })

  test('/ redirects to /console/ and other routes are untouched', async () => {
    const root = await app.inject({ method: 'GET', url: '/' })
    assert.equal(root.statusCode, 302)
    assert.equal(root.headers.location, '/console/')
    const health = await app.inject({ method: 'GET', url: '/healthz' })
    assert.deepEqual(health.json(), { status: 'ok' })
  })
})

describe('console routes before the console is built', () => {
  let dir: string
  let app: FastifyInstance
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lf-console-missing-'))
    app = await appServing(join(dir, 'dist'))
  })
  after(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('every /console/ path answers 503 saying how to build it', async () => {
    for (const url of ['/console/', '/console/leads/1', '/console/assets/x.js']) {
      const res = await app.inject({ method: 'GET', url })
      assert.equal(res.statusCode, 503, url)
      assert.match(res.headers['content-type'] as string, /^text\/plain/)
      assert.match(res.body, /npm run console:build/)
    }
  })

  test('a build made while running is served without a restart', async () => {
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', 'index.html'), INDEX)
    const res = await app.inject({ method: 'GET', url: '/console/leads' })
    assert.equal(res.statusCode, 200)
    assert.equal(res.body, INDEX)
  })
})

// The console serves no data, so the full app is checked on SQLite only.
describe('console routes inside the full app', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp('sqlite')
  })
  after(() => t.close())

  test('/ redirects to the console; /console/ answers whether built or not', async () => {
    const root = await t.app.inject({ method: 'GET', url: '/' })
    assert.equal(root.statusCode, 302)
    assert.equal(root.headers.location, '/console/')
    const page = await t.app.inject({ method: 'GET', url: '/console/' })
    assert.ok([200, 503].includes(page.statusCode), `status ${page.statusCode}`)
  })

  test('health, docs, the native API and protocol routes are unaffected', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200)
    assert.equal((await t.app.inject({ method: 'GET', url: '/docs/json' })).statusCode, 200)
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' })
    assert.ok([200, 302].includes(docs.statusCode))
    const leads = await t.app.inject({ method: 'GET', url: '/api/v1/leads', headers: ADMIN })
    assert.equal(leads.statusCode, 200)
    assert.equal(typeof leads.json().total, 'number')
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/leads' })
    assert.equal(denied.statusCode, 401)
    const post = await t.app.inject({
      method: 'POST',
      url: '/processor/insert/general/json',
      payload: 'vid=1&lid=1&aid=1&password=demo&Email=a@example.com&Phone=7025551234&Zip=89101',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(post.statusCode, 200)
    assert.equal(post.json().isValidPost, true)
    const nope = await t.app.inject({ method: 'GET', url: '/nope' })
    assert.equal(nope.statusCode, 404)
    assert.equal(nope.json().error.code, 'LF_NOT_FOUND')
  })
})
