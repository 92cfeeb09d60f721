import { type Decoded, type LeadExecLead, PARAMETER_NAMES, PROPERTY_NAMES } from './leadexec-request.js'

/**
 * url-encoded posts (seed 003, "content-type: x-www-form-urlencoded"): one lead whose fields,
 * properties and credentials share one namespace. Query pairs count as much as body pairs (the
 * document lists vid, lid, aid, password as "query"); a non-empty body value wins.
 */
export function decodeForm(body: string | undefined, query: Record<string, unknown>): Decoded {
  const params: Record<string, string> = {}
  const lead: LeadExecLead = { properties: {}, fields: {} }
  const add = (key: string, value: string) => {
    const name = key.toLowerCase()
    if (PARAMETER_NAMES.has(name)) keep(params, name, value)
    else if (PROPERTY_NAMES.has(name)) keep(lead.properties, name, value)
    else if (key !== '') keep(lead.fields, key, value)
  }
  for (const [key, value] of new URLSearchParams(body ?? '')) add(key, value)
  for (const [key, value] of Object.entries(query))
    add(key, Array.isArray(value) ? String(value[0]) : String(value))
  return { ok: true, request: { params, leads: [lead] } }
}

function keep(target: Record<string, string>, key: string, value: string) {
  if (target[key] === undefined || target[key] === '') target[key] = value
}
