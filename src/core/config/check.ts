import type { Path, Problems } from './problems.js'

/**
 * Small typed readers used by every config validator. Each reads `input[key]`, reports a problem
 * at `path + key` when the value has the wrong type, and returns a usable fallback so that one
 * pass finds every problem (an operator fixes a whole file at once, not one line per run).
 */
export type Obj = Record<string, unknown>

/** Ids and natural keys are 32-bit integer columns on PostgreSQL; larger numbers would fail there. */
export const MAX_ID = 2_147_483_647

/** Rule for an id or natural key (vid, aid, lid, owner id). */
export const ID_RULE = { min: 1, max: MAX_ID }

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function objectAt(p: Problems, at: Path, value: unknown): Obj {
  if (isObject(value)) return value
  p.add(at, `must be an object, got ${describe(value)}`)
  return {}
}

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'string') return `"${value}"`
  return typeof value === 'object' ? 'an object' : String(value)
}

export interface IntRule {
  min?: number
  max?: number
  fallback?: number
}

export function int(p: Problems, at: Path, value: unknown, rule: IntRule = {}): number {
  if (value === undefined && rule.fallback !== undefined) return rule.fallback
  const min = rule.min ?? Number.MIN_SAFE_INTEGER
  const max = rule.max ?? Number.MAX_SAFE_INTEGER
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value
  const range = rule.min !== undefined && rule.max !== undefined ? ` between ${min} and ${max}` : ''
  const floor = rule.min !== undefined && rule.max === undefined ? ` of at least ${min}` : ''
  p.add(
    at,
    value === undefined ? 'is required' : `must be an integer${range}${floor}, got ${describe(value)}`,
  )
  return rule.fallback ?? 0
}

export function text(p: Problems, at: Path, value: unknown, fallback?: string, maxLength = 200): string {
  if (value === undefined && fallback !== undefined) return fallback
  if (typeof value === 'string' && value.trim() !== '' && value.length <= maxLength) return value.trim()
  if (value === undefined) p.add(at, 'is required')
  else if (typeof value === 'string' && value.length > maxLength)
    p.add(at, `must be at most ${maxLength} characters`)
  else p.add(at, `must be a non-empty string, got ${describe(value)}`)
  return fallback ?? ''
}

export function optionalText(p: Problems, at: Path, value: unknown, maxLength = 200): string | undefined {
  if (value === undefined || value === null) return undefined
  return text(p, at, value, undefined, maxLength)
}

export function bool(p: Problems, at: Path, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value === 'boolean') return value
  p.add(at, `must be true or false, got ${describe(value)}`)
  return fallback
}

export function oneOf<T extends string>(
  p: Problems,
  at: Path,
  value: unknown,
  allowed: readonly T[],
  fallback?: T,
): T {
  if (value === undefined && fallback !== undefined) return fallback
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T
  p.add(at, `must be one of ${allowed.join(', ')}, got ${describe(value)}`)
  return fallback ?? allowed[0]!
}

export function list(p: Problems, at: Path, value: unknown, fallback: unknown[] = []): unknown[] {
  if (value === undefined) return fallback
  if (Array.isArray(value)) return value
  p.add(at, `must be a list, got ${describe(value)}`)
  return fallback
}

export function httpUrl(p: Problems, at: Path, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') {
    try {
      const url = new URL(value)
      if (url.protocol === 'http:' || url.protocol === 'https:') return value
    } catch {
      // reported below
    }
  }
  p.add(at, `must be an http(s) URL, got ${describe(value)}`)
  return undefined
}

/** Reports keys the validator does not know, so a typo ("requierd") is not silently ignored. */
export function noUnknownKeys(p: Problems, at: Path, input: Obj, known: readonly string[]): void {
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) p.add([...at, key], `unknown key (expected one of ${known.join(', ')})`)
  }
}
