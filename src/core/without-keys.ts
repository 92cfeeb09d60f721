import { setOwn } from './leads/own-record.js'

/**
 * `obj`'s own enumerable string-keyed properties, in their order, except `excluded`: what
 * `const { a, b, ...rest } = obj` gives for plain data (no symbol keys). An object rest runs on
 * V8's slow path (a runtime call per rest), about ten times this loop; the intake path takes
 * several per post (docs/performance.md).
 */
export function withoutKeys<T extends object, K extends keyof T & string>(
  obj: T,
  excluded: readonly K[],
): Omit<T, K> {
  const out: Record<string, unknown> = {}
  for (const key in obj) {
    if (!Object.hasOwn(obj, key) || (excluded as readonly string[]).includes(key)) continue
    // Own data, as a rest makes it: a "__proto__" key (JSON.parse makes one) must not set the prototype.
    if (key === '__proto__') setOwn(out, key, obj[key])
    else out[key] = obj[key]
  }
  return out as Omit<T, K>
}
