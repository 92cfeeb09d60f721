/**
 * The lead as distribution sees it: intake's normalized fields (`leads.fields_json`, each
 * `{ raw, normal, valid, components }`) plus the identifiers filters and caps need.
 */
export interface FieldValue {
  raw: unknown
  normal: unknown
}

export interface LeadView {
  id: number
  sourceId: number | null
  sourceVid: number | null
  leadTypeId: number
  orderId: string | null
  fields: Record<string, FieldValue>
  /** A test lead (docs/distribution.md, "Test leads"): only contracts that accept test leads see it. */
  isTest?: boolean
}

/**
 * Reads intake's fields, accepting both the stored shape (`{ raw, normal }`) and plain values
 * (a ping's partial lead may arrive either way), so filters see one shape.
 */
export function toFieldValues(fields: Record<string, unknown>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {}
  for (const [name, value] of Object.entries(fields)) {
    if (value !== null && typeof value === 'object' && ('normal' in value || 'raw' in value)) {
      const v = value as { raw?: unknown; normal?: unknown }
      out[name] = { raw: v.raw ?? v.normal, normal: v.normal ?? v.raw }
    } else {
      out[name] = { raw: value, normal: value }
    }
  }
  return out
}

/** A field's value, case-insensitive on the name (partners spell `zip` and `Zip` alike). */
export function fieldValue(
  fields: Record<string, FieldValue>,
  name: string,
  which: 'normal' | 'raw' = 'normal',
): unknown {
  const hit =
    fields[name] ?? fields[Object.keys(fields).find((k) => k.toLowerCase() === name.toLowerCase()) ?? '']
  return hit === undefined ? undefined : hit[which]
}

export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && String(value).trim() !== ''
}
