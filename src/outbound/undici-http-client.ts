import { Agent, interceptors, request } from 'undici'
import type { HttpClient, OutboundRequest, OutboundResponse } from '../core/ports.js'
import { guardedConnector } from './private-address-guard.js'

const MAX_RESPONSE_BYTES = 1024 * 1024

/**
 * Outbound HTTP through one pooled undici Agent (keep-alive connections per origin). Transport
 * failures (timeout, reset, refused, private address) throw an Error with the cause; any HTTP
 * status is a normal response. Response bodies are capped at 1 MiB.
 *
 * The private-address guard is the Agent's connector, so it judges every connection undici opens —
 * each resolved address and each redirect hop — at connect time. Only a request marked
 * `allowPrivate` (leadflow's own sandbox, set by core/delivery, never by a contract) uses the
 * unguarded Agent, and never follows redirects.
 */
export function createHttpClient(options: { allow: readonly string[]; connections?: number }): HttpClient & {
  close(): Promise<void>
} {
  const pool = { connections: options.connections ?? 64, keepAliveTimeout: 10_000, pipelining: 1 }
  const agent = new Agent({ ...pool, connect: guardedConnector(options.allow) })
  const own = new Agent(pool)
  const following = agent.compose(interceptors.redirect({ maxRedirections: 5 }))
  return {
    async request(req: OutboundRequest): Promise<OutboundResponse> {
      const url = new URL(req.url)
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(`Unsupported URL scheme ${url.protocol}`)
      }
      const started = performance.now()
      const timeout = AbortSignal.timeout(req.timeoutMs)
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout
      const res = await request(url, {
        method: req.method as any,
        headers: req.headers,
        body: req.body,
        dispatcher: req.allowPrivate ? own : req.followRedirects ? following : agent,
        signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      })
      const body = await readCapped(res.body, MAX_RESPONSE_BYTES)
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(res.headers))
        headers[k] = Array.isArray(v) ? v.join(', ') : String(v ?? '')
      return { status: res.statusCode, headers, body, durationMs: Math.round(performance.now() - started) }
    },
    close: async () => {
      await Promise.all([agent.close(), own.close()])
    },
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > limit) {
      body.destroy()
      throw new Error(`Response body larger than ${limit} bytes`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}
