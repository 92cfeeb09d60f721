import type { FieldSpec, FieldType } from '../leads/field-spec.js'
import type { SellerSource } from './portal-store.js'

/** Three sample people, one per example, so running all three posts makes no duplicates. */
const PEOPLE = [
  { first: 'Jane', last: 'Doe', email: 'jane.doe@example.com', phone: '7025551234', city: 'Las Vegas' },
  { first: 'John', last: 'Roe', email: 'john.roe@example.com', phone: '7025554321', city: 'Henderson' },
  { first: 'Amy', last: 'Poe', email: 'amy.poe@example.com', phone: '7025550123', city: 'Reno' },
]

/** Where the seller's own password goes in the examples: leadflow keeps only its hash. */
export const PASSWORD_PLACEHOLDER = 'YOUR_PASSWORD'
export const TOKEN_PLACEHOLDER = 'YOUR_TOKEN'

const BY_TYPE: Record<FieldType, (p: (typeof PEOPLE)[number], f: FieldSpec) => string> = {
  text: (p, f) =>
    /last|surname/i.test(f.name)
      ? p.last
      : /first|name/i.test(f.name)
        ? p.first
        : /city/i.test(f.name)
          ? p.city
          : 'text',
  email: (p) => p.email,
  phone: (p) => p.phone,
  postal_code: () => '89101',
  state: () => 'NV',
  date: () => '2030-01-15',
  dob: () => '1980-05-17',
  ssn: () => '123-45-6789',
  ip: () => '203.0.113.7',
  url: () => 'https://example.com/landing',
  consent_url: () => 'https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567',
  number: (_p, f) => String(f.min ?? 1),
  boolean: () => 'true',
  enum: (_p, f) => f.allowed?.[0] ?? '',
}

/** An example value of the right type for one field, for sample person `n`. */
export function exampleValue(field: FieldSpec, n = 0): string {
  return BY_TYPE[field.type]?.(PEOPLE[n % PEOPLE.length]!, field) ?? ''
}

export type FieldHelp = {
  name: string
  type: FieldType
  required: boolean
  example: string
  allowed?: string[]
}

export type CampaignInstructions = {
  aid: number | null
  campaign: string | null
  lid: number
  lead_type: string
  fields: FieldHelp[]
  /** Runnable curl commands, one per body encoding; the password is the placeholder. */
  examples: { form: string; json: string; xml: string }
}

export type PostingInstructions = {
  endpoint: { json_answer: string; xml_answer: string }
  authentication: { vid: number; password: string; token: string | null; notes: string }
  campaigns: CampaignInstructions[]
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const xmlAttr = (s: string) => xmlText(s).replace(/"/g, '&quot;')

/**
 * How this seller posts (docs/portals.md, "Posting instructions"): the LeadExec Lead Receiver
 * endpoint at the configured public URL, its own vid/aid/lid (never another source's), the lead
 * type's fields with their types and examples, and curl commands for form, JSON and XML bodies
 * (docs/protocols/leadexec.md, "Encodings").
 */
export function postingInstructions(source: SellerSource, publicUrl: string): PostingInstructions {
  const json = `${publicUrl}/processor/insert/general/json`
  const targets = [
    ...source.campaigns
      .filter((c) => c.lead_type)
      .map((c) => ({ aid: c.aid as number | null, campaign: c.name as string | null, type: c.lead_type! })),
    ...(source.campaigns.length === 0
      ? source.leadTypes.map((t) => ({ aid: null, campaign: null, type: t }))
      : []),
  ]
  const token = source.requireToken ? TOKEN_PLACEHOLDER : null
  return {
    endpoint: { json_answer: json, xml_answer: `${publicUrl}/processor/insert/general/xml` },
    authentication: {
      vid: source.vid,
      password: PASSWORD_PLACEHOLDER,
      token,
      notes: source.requireToken
        ? 'Send your password and your token (Authorization: Bearer <token>). Your operator gives you both; leadflow stores only their hashes.'
        : 'Send your password (vid + password). Your operator gives it to you; leadflow stores only its hash.',
    },
    campaigns: targets.map((t) => {
      const fields = t.type.fields.map((f) => ({
        name: f.name,
        type: f.type,
        required: f.required === true,
        example: exampleValue(f, 0),
        ...(f.allowed ? { allowed: f.allowed } : {}),
      }))
      const ids = { vid: source.vid, lid: t.type.lid, aid: t.aid }
      return {
        aid: t.aid,
        campaign: t.campaign,
        lid: t.type.lid,
        lead_type: t.type.name,
        fields,
        examples: examples(json, ids, t.type.fields, token),
      }
    }),
  }
}

function examples(
  url: string,
  ids: { vid: number; lid: number; aid: number | null },
  fields: readonly FieldSpec[],
  token: string | null,
): CampaignInstructions['examples'] {
  const auth = token ? ` -H ${quote(`authorization: Bearer ${token}`)}` : ''
  const values = (n: number) => fields.map((f): [string, string] => [f.name, exampleValue(f, n)])
  const params: Array<[string, string]> = [
    ['vid', String(ids.vid)],
    ['lid', String(ids.lid)],
    ...(ids.aid === null ? [] : [['aid', String(ids.aid)] as [string, string]]),
    ['password', PASSWORD_PLACEHOLDER],
  ]
  const form = new URLSearchParams([...params, ...values(0)]).toString()
  const source = Object.fromEntries(params.map(([k, v]) => [k, k === 'password' ? v : Number(v)]))
  const jsonBody = JSON.stringify({ source, leads: [{ fields: Object.fromEntries(values(1)) }] })
  const attrs = params.map(([k, v]) => `${k}="${xmlAttr(v)}"`).join(' ')
  const xmlFields = values(2)
    .map(([k, v]) => `<${k}>${xmlText(v)}</${k}>`)
    .join('')
  const xmlBody = `<Leads ${attrs}><Lead>${xmlFields}</Lead></Leads>`
  return {
    form: `curl -s -X POST ${quote(url)}${auth} -H 'content-type: application/x-www-form-urlencoded' --data-raw ${quote(form)}`,
    json: `curl -s -X POST ${quote(url)}${auth} -H 'content-type: application/json' --data-raw ${quote(jsonBody)}`,
    xml: `curl -s -X POST ${quote(url)}${auth} -H 'content-type: application/xml' --data-raw ${quote(xmlBody)}`,
  }
}
