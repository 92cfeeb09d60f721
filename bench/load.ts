import autocannon from 'autocannon'

export interface LoadSpec {
  url: string
  path: string
  connections: number
  durationS: number
  /** Builds the n-th request body (unique per request, so duplicate checks do not reject). */
  body: (n: number) => string
  contentType?: string
  /** Counts an answer as refused when this says so (a 200 with isValidPost false, say). */
  refused?: (status: number, body: string) => boolean
}

export interface LoadResult {
  requests: number
  rps: number
  p50: number
  p99: number
  max: number
  /** Socket errors and timeouts. */
  errors: number
  non2xx: number
  /** 2xx answers that the scenario counts as a failure (see LoadSpec.refused). */
  refused: number
  /** One refused answer body, to show why. */
  sample: string
}

let sequence = 0

/** Next request number, unique across every load run of this process. */
export function nextId(): number {
  sequence += 1
  return sequence
}

/** Drives `spec` with autocannon (in this process; the servers are other processes). */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let refused = 0
  let sample = ''
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationS,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: spec.path,
        headers: { 'content-type': spec.contentType ?? 'application/json' },
        setupRequest: (request) => ({ ...request, body: spec.body(nextId()) }),
        onResponse: (status, body) => {
          if (spec.refused?.(status, body)) {
            refused += 1
            if (!sample) sample = `${status} ${body.slice(0, 300)}`
          }
        },
      },
    ],
  })
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    refused,
    sample,
  }
}

/** Sends one request and returns status and body (configuration calls, probes). */
export async function send(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; text: string }> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
    signal: AbortSignal.timeout(15_000),
  })
  const text = await response.text()
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  return { status: response.status, body, text }
}

/**
 * One request at a time for up to `count` requests or `maxMs`, timed with performance.now() (finer
 * than autocannon's whole milliseconds): latency without queueing, for the ping/post overhead.
 */
export async function sequentialLatency(
  url: string,
  body: () => string,
  count: number,
  maxMs: number,
): Promise<{ n: number; p50: number; p99: number }> {
  const times: number[] = []
  const deadline = Date.now() + maxMs
  while (times.length < count && Date.now() < deadline) {
    const started = performance.now()
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(),
    })
    await response.arrayBuffer()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN
  return { n: times.length, p50: at(0.5), p99: at(0.99) }
}
