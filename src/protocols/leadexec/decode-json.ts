import { type Decoded, decodeFailure, type LeadExecLead, MAX_LEADS_PER_REQUEST } from './leadexec-request.js'

/**
 * JSON posts (seed 003, "Create General Lead JSON"): `{ source: { vid, aid, lid, password,
 * sendDelay, returnURL }, leads: [ { properties: { reference, noSell, … }, fields: { … } } ] }`.
 * Names in `source` and `properties` are matched without regard to case (the document itself
 * writes both `returnURL` and `returnurl`); values may be strings, numbers or booleans.
 */
export function decodeJson(text: string): Decoded {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    return decodeFailure(`The body is not valid JSON: ${(error as Error).message}`)
  }
  if (!isObject(body)) return decodeFailure('The body must be a JSON object with "source" and "leads"')
  const source = body.source ?? {}
  if (!isObject(source)) return decodeFailure('"source" must be an object')
  const params = scalars(source, 'source', true)
  if (typeof params === 'string') return decodeFailure(params)
  if (!Array.isArray(body.leads) || body.leads.length === 0) {
    return decodeFailure('"leads" must be an array holding at least one lead')
  }
  if (body.leads.length > MAX_LEADS_PER_REQUEST) {
    return decodeFailure(`At most ${MAX_LEADS_PER_REQUEST} leads may be sent in one request`)
  }
  const leads: LeadExecLead[] = []
  for (const [i, entry] of body.leads.entries()) {
    const lead = decodeLead(entry, i)
    if (typeof lead === 'string') return decodeFailure(lead)
    leads.push(lead)
  }
  return { ok: true, request: { params, leads } }
}

function decodeLead(entry: unknown, i: number): LeadExecLead | string {
  if (!isObject(entry)) return `leads[${i}] must be an object with "properties" and "fields"`
  const properties = entry.properties ?? {}
  const fields = entry.fields ?? {}
  if (!isObject(properties)) return `leads[${i}].properties must be an object`
  if (!isObject(fields)) return `leads[${i}].fields must be an object`
  const props = scalars(properties, `leads[${i}].properties`, true)
  if (typeof props === 'string') return props
  const values = scalars(fields, `leads[${i}].fields`, false)
  if (typeof values === 'string') return values
  return { properties: props, fields: values }
}

/** Flattens an object of scalars to strings; a nested value is an error message. */
function scalars(obj: Record<string, unknown>, at: string, lower: boolean): Record<string, string> | string {
  const out: Record<string, string> = {}
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue
    const value = obj[key]
    if (value !== null && typeof value === 'object') return `${at}.${key} must be a string, number or boolean`
    out[lower ? key.toLowerCase() : key] = value === null || value === undefined ? '' : String(value)
  }
  return out
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
