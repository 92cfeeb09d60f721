/**
 * Sets a key as an own data property, so that input keys such as "__proto__" are stored as
 * data instead of reaching Object.prototype's setter.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
}
