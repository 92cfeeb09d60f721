/**
 * Dotted paths with array indexes (`a.b[0].c`, optional leading `$.`), the "JSON path" of
 * delivery mappings and response rules. Deliberately small: no wildcards or filters.
 */
export function pathSteps(path: string): string[] {
  return path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '')
}

export function getPath(value: unknown, path: string): unknown {
  let cur: unknown = value
  for (const step of pathSteps(path)) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[step]
  }
  return cur
}

/** Sets a value at a path, creating objects on the way (keys that are numbers stay object keys). */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const steps = pathSteps(path)
  let cur = target
  for (const step of steps.slice(0, -1)) {
    const next = cur[step]
    if (next === null || typeof next !== 'object') cur[step] = {}
    cur = cur[step] as Record<string, unknown>
  }
  const last = steps[steps.length - 1]
  if (last !== undefined) cur[last] = value
}

/** Flattens nested objects for form and query bodies: `{a:{b:1}}` → `a[b]=1` (PHP/Rails style). */
export function flatten(value: Record<string, unknown>, prefix = ''): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}[${k}]` : k
    if (v !== null && typeof v === 'object') out.push(...flatten(v as Record<string, unknown>, key))
    else if (v !== undefined) out.push([key, v === null ? '' : String(v)])
  }
  return out
}
