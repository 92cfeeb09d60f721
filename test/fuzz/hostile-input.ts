/**
 * Generators of hostile HTTP requests for test/fuzz/http-fuzz.test.ts, driven by a seeded PRNG so
 * a failing case repeats with the same LEADFLOW_FUZZ_SEED.
 */

/** mulberry32: a small, fast, seedable PRNG (public domain). */
export function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    chance: (p: number) => next() < p,
  }
}
export type Rng = ReturnType<typeof prng>

/**
 * NUL characters: PostgreSQL text cannot hold them, so every protocol strips them as it decodes
 * (src/protocols/strip-nul.ts). They are in HOSTILE and have their own test (nulInFields).
 */
export const NUL_VALUES = ['a\u0000b', '\u0000', 'x%00y'] as const

/** Injection and edge strings placed in every field, parameter and header value. */
export const HOSTILE = [
  ...NUL_VALUES,
  "' OR '1'='1",
  "'; DROP TABLE leads; --",
  '1; DELETE FROM leads WHERE 1=1',
  '" OR ""="',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}\u0024{7*7}<%= 7*7 %>',
  '\u0024{jndi:ldap://127.0.0.1/a}',
  '../../../../etc/passwd',
  '\uD800\uFFFF',
  '😀🚀👩‍👩‍👧‍👦',
  '\r\nSet-Cookie: pwned=1',
  '%00%ff%zz',
  '-1',
  '1e309',
  'NaN',
  '99999999999999999999999999',
  '0x7fffffff',
  'null',
  '<![CDATA[]]><x/>',
  '&amp;&lt;&#0;&#xD800;',
  '__proto__',
  ' ',
  '',
  'A'.repeat(70_000),
] as const

export const FIELD_NAMES = [
  'FirstName',
  'LastName',
  'Email',
  'Phone',
  'Zip',
  'State',
  'DOB',
  'Extra',
] as const

export function hostile(rng: Rng): string {
  return rng.pick(HOSTILE)
}

/** A random JSON value of a hostile type where a string is expected. */
export function hostileValue(rng: Rng): unknown {
  switch (rng.int(8)) {
    case 0:
      return rng.int(1e9) - 5e8
    case 1:
      return null
    case 2:
      return [hostile(rng), hostile(rng)]
    case 3:
      return { nested: hostile(rng), __proto__: { polluted: true } }
    case 4:
      return rng.chance(0.5)
    default:
      return hostile(rng)
  }
}

export interface Credentials {
  vid: unknown
  lid: unknown
  aid: unknown
  password: unknown
}

/** Credentials that never authenticate (phase 1): hostile ids, or the demo ids with a wrong password. */
export function badCredentials(rng: Rng): Credentials {
  return rng.chance(0.5)
    ? { vid: 1, lid: 1, aid: 1, password: `wrong${hostile(rng).slice(0, 50)}` }
    : { vid: hostileValue(rng), lid: hostileValue(rng), aid: hostileValue(rng), password: hostileValue(rng) }
}

export const GOOD_CREDENTIALS: Credentials = { vid: 1, lid: 1, aid: 1, password: 'demo' }

function fields(rng: Rng, n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name of FIELD_NAMES)
    if (rng.chance(0.8)) out[name] = rng.chance(0.7) ? hostile(rng) : hostileValue(rng)
  // Some posts carry valid contact data with hostile strings elsewhere, so they are stored.
  if (rng.chance(0.3))
    Object.assign(out, {
      Email: `fuzz.${n}@leadflow-fuzz.com`,
      Phone: `212${String(2000000 + n).slice(-7)}`,
      Zip: '10001',
    })
  return out
}

export function jsonBody(rng: Rng, credentials: Credentials, n: number): string {
  switch (rng.int(10)) {
    case 0:
      return `${'['.repeat(20_000)}${']'.repeat(20_000)}`
    case 1:
      return JSON.stringify({ source: credentials, leads: [{ fields: fields(rng, n) }] }).slice(
        0,
        rng.int(200),
      )
    case 2:
      return `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"source":${JSON.stringify(credentials)}}`
    case 3:
      return JSON.stringify({ source: credentials, leads: hostileValue(rng) })
    case 4:
      return JSON.stringify({
        source: credentials,
        leads: Array.from({ length: 200 }, () => ({ fields: fields(rng, n) })),
      })
    default:
      return JSON.stringify({
        source: { ...credentials, returnURL: rng.chance(0.3) ? hostile(rng) : undefined },
        leads: [
          { properties: { reference: hostile(rng), noSell: hostileValue(rng) }, fields: fields(rng, n) },
        ],
      })
  }
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>`

export function xmlBody(rng: Rng, c: Credentials, n: number): string {
  const attrs = `vid="${xmlEscape(String(c.vid))}" lid="${xmlEscape(String(c.lid))}" aid="${xmlEscape(String(c.aid))}" password="${xmlEscape(String(c.password))}"`
  const inner = Object.entries(fields(rng, n))
    .map(([k, v]) => `<${k}>${rng.chance(0.8) ? xmlEscape(String(v)) : String(v)}</${k}>`)
    .join('')
  const lead = `<Leads ${attrs}><Lead reference="${xmlEscape(hostile(rng).slice(0, 100))}">${inner}</Lead></Leads>`
  switch (rng.int(8)) {
    case 0:
      return `${BILLION_LAUGHS}<Leads ${attrs}><Lead><FirstName>&lol9;</FirstName></Lead></Leads>`
    case 1:
      return `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Leads ${attrs}><Lead><FirstName>&xxe;</FirstName></Lead></Leads>`
    case 2:
      // Nesting just under fast-xml-parser's limit of 100; deeper is its own test (deepXml).
      return `<Leads ${attrs}>${'<a>'.repeat(95)}${'</a>'.repeat(95)}</Leads>`
    case 3:
      return lead.slice(0, rng.int(lead.length))
    case 4:
      return `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${lead}</soap:Body></soap:Envelope>`
    default:
      return `<?xml version="1.0" encoding="utf-8"?>${lead}`
  }
}

/** An XML post nested `levels` deep inside an otherwise plausible <Leads> document. */
export function deepXml(c: Credentials, levels: number): string {
  const attrs = `vid="${c.vid}" lid="${c.lid}" aid="${c.aid}" password="${c.password}"`
  return `<Leads ${attrs}><Lead>${'<a>'.repeat(levels)}${'</a>'.repeat(levels)}</Lead></Leads>`
}

export function formBody(rng: Rng, c: Credentials, n: number): string {
  const pairs: Array<[string, string]> = Object.entries({ ...c, ...fields(rng, n) }).map(([k, v]) => [
    k,
    typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
  ])
  if (rng.chance(0.1)) for (let i = 0; i < 2000; i++) pairs.push([`k${i}`, hostile(rng).slice(0, 20)])
  if (rng.chance(0.2)) pairs.push([hostile(rng), hostile(rng)])
  const encoded = pairs.map(([k, v]) => `${safeEncode(k)}=${safeEncode(v)}`).join('&')
  return rng.chance(0.15) ? `${encoded}&%E0%A4%A=%zz&=&&==` : encoded
}

export function safeEncode(v: string): string {
  try {
    return encodeURIComponent(v)
  } catch {
    return '%ED%A0%80' // a lone surrogate cannot be encoded: send its invalid UTF-8 bytes instead
  }
}

/** Bytes that are not valid UTF-8, alone or inside an otherwise plausible body. */
export function invalidUtf8(rng: Rng, c: Credentials, n: number): Buffer {
  const bad = Buffer.from([
    0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xed, 0xa0, 0x80,
  ])
  const text = rng.pick([jsonBody, xmlBody, formBody])(rng, c, n)
  const at = rng.int(text.length + 1)
  return Buffer.concat([Buffer.from(text.slice(0, at)), bad, Buffer.from(text.slice(at))])
}

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/xml',
  'text/xml; charset=utf-8',
  'application/soap+xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'text/plain',
  'application/octet-stream',
  'application/json, text/html',
  '*/*',
  ';;;',
  'x'.repeat(3000),
] as const
