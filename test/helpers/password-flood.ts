import { request } from 'undici'

export interface FloodResult {
  /** How the wrong-password posts were answered: HTTP status → count. */
  statuses: Record<number, number>
  /** ResponseDetails of the refusals, deduplicated. */
  details: string[]
  healthz: { idle: Latency; flood: Latency; failures: number }
}

export interface Latency {
  samples: number
  medianMs: number
  p95Ms: number
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return {
    samples: sorted.length,
    medianMs: Math.round(at(0.5) * 10) / 10,
    p95Ms: Math.round(at(0.95) * 10) / 10,
  }
}

async function timeHealthz(base: string): Promise<number | null> {
  const started = performance.now()
  try {
    const res = await request(`${base}/healthz`)
    await res.body.text()
    return res.statusCode === 200 ? performance.now() - started : null
  } catch {
    return null
  }
}

/**
 * Issue 12's wrong-password flood against a listening leadflow: `total` LeadExec posts with a new
 * wrong password each (so no memo helps), `concurrency` at a time, while /healthz is sampled every
 * 10 ms; /healthz idle first for comparison. Asserts nothing: the test asserts behaviour, the bench
 * holds the latency threshold.
 */
export async function passwordFlood(base: string, total = 200, concurrency = 20): Promise<FloodResult> {
  const idle: number[] = []
  for (let i = 0; i < 30; i++) {
    const ms = await timeHealthz(base)
    if (ms !== null) idle.push(ms)
  }
  const statuses: Record<number, number> = {}
  const details = new Set<string>()
  let next = 0
  let done = false
  const flood: number[] = []
  let failures = 0
  const sampler = (async () => {
    while (!done) {
      const ms = await timeHealthz(base)
      if (ms === null) failures++
      else flood.push(ms)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  })()
  const poster = async () => {
    while (next < total) {
      const i = next++
      const res = await request(`${base}/processor/insert/general/json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `vid=1&lid=1&aid=1&password=wrong-${i}-${Math.random()}&Email=flood${i}@example.com`,
      })
      const body = (await res.body.json()) as { ResponseDetails?: string }
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1
      details.add(String(body.ResponseDetails))
    }
  }
  await Promise.all(Array.from({ length: concurrency }, poster))
  done = true
  await sampler
  return {
    statuses,
    details: [...details],
    healthz: { idle: latency(idle), flood: latency(flood), failures },
  }
}
