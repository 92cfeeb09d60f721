/**
 * JSON with object keys sorted, so that a settings object stored from the API and the same
 * object read from leadflow.yaml compare equal however their keys were ordered (this is what
 * lets `leadflow apply` report "unchanged").
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key])
  return out
}
