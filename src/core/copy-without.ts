import { setOwn } from './leads/own-record.js'

/**
 * Copies `source`'s own enumerable string-keyed properties, in their order, except `excluded`,
 * onto `target` and returns it: what `{ ...target, ...rest }` gives after
 * `const { a, b, ...rest } = source`, for plain data (no symbol keys). The object rest and the
 * spread after other properties both run on V8's slow paths; the intake path took several per
 * post to store its command and outcome (docs/performance.md).
 */
export function copyWithout<T extends object>(
  target: Record<string, unknown>,
  source: T,
  excluded: readonly (keyof T & string)[],
): Record<string, unknown> {
  for (const key in source) {
    if (!Object.hasOwn(source, key) || excluded.includes(key)) continue
    // Own data, as a spread makes it: a "__proto__" key (JSON.parse makes one) must not set the prototype.
    if (key === '__proto__') setOwn(target, key, source[key])
    else target[key] = source[key]
  }
  return target
}
