import type { FastifyInstance } from 'fastify'
import { hostile, type Rng, safeEncode } from './hostile-input.js'

export interface Endpoint {
  method: string
  path: string
}

/**
 * The protocol endpoints the seeds specify (seeds/README.md), fuzzed even before they exist (a
 * 404 is a fine answer), plus every route the app actually has.
 */
const SPECIFIED: Endpoint[] = [
  ...['general', 'manualredirect', 'autoredirect', 'returnsends', 'transfer', 'calldata', 'ping'].flatMap(
    (kind) =>
      ['json', 'xml', 'json/async', 'xml/async'].map((rt) => ({
        method: 'POST',
        path: `/processor/insert/${kind}/${rt}`,
      })),
  ),
  { method: 'POST', path: '/processor/update/json' },
  { method: 'POST', path: '/processor/duplicate/check' },
  { method: 'GET', path: '/information/queuestatus/:PostID' },
  { method: 'GET', path: '/information/status/:PostID' },
  { method: 'POST', path: '/feedback' },
  { method: 'GET', path: '/api/2/track.asmx/ReturnLead' },
  { method: 'POST', path: '/api/2/track.asmx/ReturnLead' },
  { method: 'POST', path: '/api/2/track.asmx' },
  { method: 'POST', path: '/lead/add' },
  { method: 'POST', path: '/lead/cancel' },
  { method: 'GET', path: '/api/v1/leads/:id' },
  { method: 'POST', path: '/api/v1/buyers' },
  { method: 'POST', path: '/api/v1/contracts' },
  { method: 'POST', path: '/%2e%2e/%2e%2e/etc/passwd' },
  { method: 'GET', path: `/${'a/'.repeat(2000)}` },
]

/** Routes of a built app, read from `printRoutes()` (a tree: each level indents by four columns). */
export function appRoutes(app: FastifyInstance): Endpoint[] {
  const out: Endpoint[] = []
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line)
    if (!match) continue
    const depth = match[1].length / 4
    const path = (stack[depth - 1] ?? '') + match[2]
    stack[depth] = path
    stack.length = depth + 1
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD'))
      out.push({ method, path })
  }
  return out
}

export function endpoints(app: FastifyInstance): Endpoint[] {
  const seen = new Set<string>()
  return [...appRoutes(app), ...SPECIFIED].filter((e) => {
    const key = `${e.method} ${e.path}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Fills `:param` and `*` segments with plausible or hostile values. */
export function fillPath(rng: Rng, path: string): string {
  return path.replace(/:[A-Za-z_]+|\*/g, () =>
    safeEncode(rng.pick(['json', 'xml', '1', '0', '-1', uuid(rng), hostile(rng).slice(0, 300)])),
  )
}

function uuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(16).toString(16)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`
}
