/**
 * Sets a key as an own data property, so that input keys such as "__proto__" are stored as
 * data instead of reaching Object.prototype's setter. Only "__proto__" needs `defineProperty`
 * on the plain objects this is used on (its only accessor on Object.prototype); every other key
 * is assigned, which makes the same property without a runtime call per field.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
  else record[key] = value
}
