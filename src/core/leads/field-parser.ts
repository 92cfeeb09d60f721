import type { FieldSpec } from './field-spec.js'
import type { Components } from './parsed-value.js'

/**
 * What one type's parser decides about a trimmed, non-empty input. `reason` completes a
 * sentence that starts with the field's label ("is not a valid phone number").
 */
export type ParseOutcome =
  | { ok: true; normal: string; components: Components }
  | { ok: false; normal: string; reason: string; components?: Components }

export type FieldParser = (input: string, spec: FieldSpec, now: Date) => ParseOutcome

export function accepted(normal: string, components: Components): ParseOutcome {
  return { ok: true, normal, components }
}

export function rejected(normal: string, reason: string, components?: Components): ParseOutcome {
  return components ? { ok: false, normal, reason, components } : { ok: false, normal, reason }
}
