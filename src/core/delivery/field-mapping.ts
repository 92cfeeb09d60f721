import type { FieldValue } from '../distribution/lead-view.js'
import type { FieldMap } from './delivery-settings.js'
import { type DeliveryVars, lookup, renderTemplate } from './template.js'
import { setPath } from './value-paths.js'

/**
 * The outbound payload as a tree: each mapping writes one target path. Without a mapping every
 * lead field goes out under its own name (normalized value), plus `event_id` so the buyer can
 * quote it in feedback.
 */
export function buildPayload(
  mapping: readonly FieldMap[] | undefined,
  fields: Record<string, FieldValue>,
  vars: DeliveryVars,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!mapping || mapping.length === 0) {
    for (const [name, value] of Object.entries(fields)) if (value.normal != null) out[name] = value.normal
    out.event_id = vars.event_id
    return out
  }
  for (const map of mapping) {
    const value = mappedValue(map, fields, vars)
    if (value !== undefined && value !== null) setPath(out, map.to, value)
  }
  return out
}

function mappedValue(map: FieldMap, fields: Record<string, FieldValue>, vars: DeliveryVars): unknown {
  if (map.value !== undefined) return map.value
  if (map.template !== undefined) return renderTemplate(map.template, fields, vars, map.use)
  return lookup(map.from ?? map.to, fields, vars, map.use)
}
