/**
 * A LeadExec request after decoding, whatever its encoding: the top-level parameters (form and
 * query keys, `<Leads>` attributes, JSON `source`) and one entry per lead. Parameter and
 * property names are lower-cased; field names keep their spelling.
 */
export interface LeadExecLead {
  properties: Record<string, string>
  fields: Record<string, string>
}

export interface LeadExecRequest {
  params: Record<string, string>
  leads: LeadExecLead[]
}

export type Decoded = { ok: true; request: LeadExecRequest } | { ok: false; message: string }

/** Names that are parameters or lead properties, never lead fields (seed 003 parameter tables). */
export const PARAMETER_NAMES = new Set([
  'vid',
  'lid',
  'aid',
  'password',
  'orderid',
  'returnurl',
  'senddelay',
  'response_type',
])

export const PROPERTY_NAMES = new Set([
  'reference',
  'nosell',
  'ivrnumber',
  'callduration',
  'callresult',
  'calldate',
  'lpleaduid',
  'leaduid',
  'processdelivery',
  // leadflow's own extension, not in seed 003: marks the post a test lead (docs/compat.md).
  'leadflow_test',
])

export const MAX_LEADS_PER_REQUEST = 100

export function decodeFailure(message: string): Decoded {
  return { ok: false, message }
}

/** Query-string parameters fill in what the body did not give (credentials "in query or form"). */
export function withQueryParams(request: LeadExecRequest, query: Record<string, string>): LeadExecRequest {
  const params = { ...request.params }
  for (const [key, value] of Object.entries(query)) {
    const name = key.toLowerCase()
    if (PARAMETER_NAMES.has(name) && (params[name] === undefined || params[name] === '')) params[name] = value
  }
  return { ...request, params }
}
