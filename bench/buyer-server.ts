import { appendFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { parseArgs } from 'node:util'

/**
 * A local buyer for the benchmark and the crash test, run as its own process:
 *
 *   tsx bench/buyer-server.ts --mode accept|reject|bid|error|garbage|reset --latency 5 [--latency-max 50]
 *        [--bid 2500] [--reject-status 200] [--port 0] [--log file.jsonl]
 *
 * It answers every POST after the latency (uniform in [latency, latency-max]); prints
 * `{"listening":<port>}` on stdout once bound; GET /stats returns what it received. With --log,
 * each request is appended as one JSON line (path, idempotency key, body) so a test can prove
 * that no lead reached it twice without the same idempotency key.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    mode: { type: 'string', default: 'accept' },
    latency: { type: 'string', default: '0' },
    'latency-max': { type: 'string' },
    bid: { type: 'string', default: '2500' },
    'reject-status': { type: 'string', default: '200' },
    log: { type: 'string' },
  },
})

const mode = values.mode as 'accept' | 'reject' | 'bid' | 'error' | 'garbage' | 'reset'
const minMs = Number(values.latency)
const maxMs = Number(values['latency-max'] ?? values.latency)
const bidCents = Number(values.bid)
const rejectStatus = Number(values['reject-status'])
const stats = {
  received: 0,
  pings: 0,
  posts: 0,
  first: 0,
  last: 0,
  keys: 0,
  paths: {} as Record<string, number>,
}
let counter = 0

function answer(path: string, isPing: boolean): { status: number; body: unknown } {
  counter += 1
  const id = `B${process.pid}-${counter}`
  if (mode === 'error') return { status: 500, body: { status: 'error', message: 'bench buyer error' } }
  if (mode === 'garbage') return { status: 200, body: '<<<%%% this is not JSON' }
  if (mode === 'reject') {
    return {
      status: rejectStatus,
      body: { status: 'rejected', accepted: false, result: 'rejected', reason: 'bench reject' },
    }
  }
  const price = bidCents / 100
  if (isPing || mode === 'bid') {
    return {
      status: 200,
      body: { status: 'accepted', accepted: true, bid: price, price, buyerLeadId: id, path },
    }
  }
  return {
    status: 200,
    body: { status: 'accepted', accepted: true, result: 'success', price, buyerLeadId: id },
  }
}

function record(request: IncomingMessage, path: string, body: string) {
  stats.received += 1
  const isPing = /ping/i.test(path) || /"?ping"?\s*[:=]\s*"?(true|1)/i.test(body)
  if (isPing) stats.pings += 1
  else stats.posts += 1
  const now = Date.now()
  if (stats.first === 0) stats.first = now
  stats.last = now
  stats.paths[path] = (stats.paths[path] ?? 0) + 1
  const key = request.headers['idempotency-key'] ?? request.headers['x-idempotency-key'] ?? ''
  if (key) stats.keys += 1
  if (values.log) {
    appendFileSync(values.log, `${JSON.stringify({ at: now, path, key, headers: request.headers, body })}\n`)
  }
  return isPing
}

function handle(request: IncomingMessage, response: ServerResponse) {
  const path = (request.url ?? '/').split('?')[0]
  if (request.method === 'GET' && path === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats))
    return
  }
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    const isPing = record(request, path, Buffer.concat(chunks).toString('utf8'))
    const { status, body } = answer(path, isPing)
    const delay = minMs + Math.random() * Math.max(0, maxMs - minMs)
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    // reset: drop the connection without an answer, as a crashing buyer does.
    const send = () =>
      mode === 'reset'
        ? request.socket.destroy()
        : response.writeHead(status, { 'content-type': 'application/json' }).end(text)
    if (delay > 0) setTimeout(send, delay)
    else send()
  })
}

const server = createServer(handle)
server.keepAliveTimeout = 30_000
server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(`${JSON.stringify({ listening: typeof address === 'object' ? address?.port : 0 })}\n`)
})
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => server.close(() => process.exit(0)))
