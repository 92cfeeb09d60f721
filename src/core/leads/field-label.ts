import type { FieldSpec } from './field-spec.js'

/** The name a message uses for a field: its label, else its name with a capital and spaces. */
export function fieldLabel(spec: Pick<FieldSpec, 'name' | 'label'>): string {
  if (spec.label) return spec.label
  const spaced = spec.name.replace(/_/g, ' ').trim()
  return spaced ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : 'Field'
}
