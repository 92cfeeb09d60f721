import { type FieldValue, fieldValue } from '../distribution/lead-view.js'

/** What a template or mapping can read besides lead fields. */
export interface DeliveryVars {
  event_id: string
  lead_id: number | string
  idempotency_key: string
  /** Price in dollars ("25.00"). */
  price: string
  [name: string]: string | number
}

export function lookup(
  name: string,
  fields: Record<string, FieldValue>,
  vars: DeliveryVars,
  use: 'normal' | 'raw' = 'normal',
): unknown {
  if (name in vars) return vars[name]
  if (name.startsWith('raw.')) return fieldValue(fields, name.slice(4), 'raw')
  if (name.startsWith('normal.')) return fieldValue(fields, name.slice(7), 'normal')
  return fieldValue(fields, name, use)
}

/** `{{Name}}` placeholders; an unknown name renders empty (the buyer sees a blank, not "{{x}}"). */
export function renderTemplate(
  template: string,
  fields: Record<string, FieldValue>,
  vars: DeliveryVars,
  use: 'normal' | 'raw' = 'normal',
  encode: (value: string) => string = (value) => value,
): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    const v = lookup(name, fields, vars, use)
    return v === undefined || v === null ? '' : encode(String(v))
  })
}
