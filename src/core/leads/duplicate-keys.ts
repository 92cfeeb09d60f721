import { hash } from 'node:crypto'
import type { ParsedLead } from './parse-lead.js'
import type { ParsedValue } from './parsed-value.js'

/** A lead type's duplicate rule: leads with the same values of `fields` within the window are duplicates. */
export interface DuplicateRule {
  fields: string[]
  windowDays: number
  scope: 'source' | 'all'
}

export interface DuplicateKey {
  rule: string
  keyHash: string
  windowDays: number
  scope: 'source' | 'all'
}

function findField(lead: ParsedLead, name: string): ParsedValue | undefined {
  if (Object.hasOwn(lead.fields, name)) return lead.fields[name]
  const lower = name.toLowerCase()
  const key = Object.keys(lead.fields).find((k) => k.toLowerCase() === lower)
  return key === undefined ? undefined : lead.fields[key]
}

/**
 * The hash covers the normalized values only, JSON-encoded so that ["ab","c"] and ["a","bc"]
 * differ; storing a hash rather than the values keeps an index on it small and keeps
 * personal data out of the duplicate table. One-shot `hash` rather than `createHash`: the same
 * digest without a Hash object, about 1 µs less per key (docs/performance.md, round 5).
 */
export function duplicateKeyHash(normals: readonly string[]): string {
  return hash('sha256', JSON.stringify(normals), 'hex')
}

/** One key per rule whose fields are all present and valid: rule name = fields joined by '+', keyHash = sha256 hex of the normalized values. */
export function duplicateKeys(rules: readonly DuplicateRule[], lead: ParsedLead): DuplicateKey[] {
  const keys: DuplicateKey[] = []
  for (const rule of rules) {
    if (rule.fields.length === 0) continue
    const values = rule.fields.map((name) => findField(lead, name))
    if (!values.every((value) => value?.valid)) continue
    const normals = values.map((value) => value?.normal ?? '')
    keys.push({
      rule: rule.fields.join('+'),
      keyHash: duplicateKeyHash(normals),
      windowDays: rule.windowDays,
      scope: rule.scope,
    })
  }
  return keys
}
