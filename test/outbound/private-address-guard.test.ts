import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { isPrivateAddress } from '../../src/core/net/private-address.js'
import { createHttpClient } from '../../src/outbound/undici-http-client.js'

test('private, loopback, link-local and mapped addresses are private; public ones are not', () => {
  for (const a of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '::1',
    'fd00::1',
    '::ffff:127.0.0.1',
  ]) {
    assert.equal(isPrivateAddress(a), true, a)
  }
  for (const a of ['8.8.8.8', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8', '::ffff:808:808'])
    assert.equal(isPrivateAddress(a), false, a)
})

// A real "internal" server on every loopback address; it counts what reaches it.
let internal: Server
let port = 0
let hits = 0
before(async () => {
  internal = createServer((req, res) => {
    hits++
    if (req.url === '/hop') {
      res.writeHead(302, { location: `http://127.0.0.2:${port}/secret` }).end()
      return
    }
    res.end('INTERNAL-SECRET')
  })
  await new Promise<void>((resolve) => internal.listen(0, '0.0.0.0', resolve))
  port = (internal.address() as AddressInfo).port
})
after(() => new Promise<void>((resolve) => internal.close(() => resolve())))

function get(allow: string[], url: string, followRedirects = false) {
  const client = createHttpClient({ allow })
  return client
    .request({ method: 'GET', url, headers: {}, timeoutMs: 2000, followRedirects })
    .finally(() => client.close())
}

test('a private target is refused at connect time unless its host, address or CIDR range is allowed', async () => {
  const before = hits
  await assert.rejects(get([], `http://127.0.0.2:${port}/x`), /private or loopback/)
  await assert.rejects(
    get(['10.0.0.1', '192.168.0.0/16'], `http://127.0.0.2:${port}/x`),
    /private or loopback/,
  )
  assert.equal(hits, before, 'nothing reached the internal server')
  assert.equal((await get(['127.0.0.2'], `http://127.0.0.2:${port}/x`)).body, 'INTERNAL-SECRET')
  assert.equal((await get(['127.0.0.0/8'], `http://127.0.0.2:${port}/x`)).body, 'INTERNAL-SECRET')
  assert.equal((await get(['*'], `http://127.0.0.1:${port}/x`)).status, 200)
})

test('a host name is judged by every address it resolves to, in the lookup the socket connects with', async () => {
  const before = hits
  await assert.rejects(get([], `http://localhost:${port}/x`), /private or loopback/)
  assert.equal(hits, before)
  assert.equal((await get(['localhost'], `http://localhost:${port}/x`)).status, 200)
  assert.equal((await get(['127.0.0.1', '::1'], `http://localhost:${port}/x`)).status, 200)
})

test('SSRF by redirect: an allowed host redirecting to a private address is refused at the hop', async () => {
  const before = hits
  await assert.rejects(get(['localhost'], `http://localhost:${port}/hop`, true), /private or loopback/)
  assert.equal(hits, before + 1, 'only the allowed hop was reached; /secret on 127.0.0.2 never was')
})
