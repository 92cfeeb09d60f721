import { SECRET_HEADER } from './mask-secrets.js'

/** What the API answers in place of a stored credential (docs/security.md, "Secrets at rest"). */
export const SECRET_MASK = '********'

type Obj = Record<string, unknown>

/** Maps one secret value; `undefined` removes it. `path` names it (`auth.password`, `headers.X-Key`). */
export type SecretMapper = (value: string, path: string) => string | undefined

function isObject(value: unknown): value is Obj {
  return !!value && typeof value === 'object' && !Array.isArray(value)
}

function mapHeaders(headers: unknown, prefix: string, fn: SecretMapper): unknown {
  if (!isObject(headers)) return headers
  const out: Obj = {}
  for (const [name, value] of Object.entries(headers)) {
    const mapped =
      typeof value === 'string' && SECRET_HEADER.test(name) ? fn(value, `${prefix}.${name}`) : value
    if (mapped !== undefined) out[name] = mapped
  }
  return out
}

function mapAuth(auth: unknown, fn: SecretMapper): unknown {
  if (!isObject(auth)) return auth
  const out: Obj = { ...auth }
  for (const key of ['password', 'token']) {
    const value = out[key]
    if (typeof value !== 'string') continue
    const mapped = fn(value, `auth.${key}`)
    if (mapped === undefined) delete out[key]
    else out[key] = mapped
  }
  return out
}

/**
 * A contract's delivery settings with every outbound credential passed through `fn`: the basic
 * password, the bearer token, and the value of each header whose name says it is secret (the
 * names maskRequest hides in events), on the post and on the ping. Nothing else is touched.
 */
export function mapDeliverySecrets<T>(delivery: T, fn: SecretMapper): T {
  if (!isObject(delivery)) return delivery
  const out: Obj = { ...delivery }
  if ('auth' in out) out.auth = mapAuth(out.auth, fn)
  if ('headers' in out) out.headers = mapHeaders(out.headers, 'headers', fn)
  if (isObject(out.ping) && 'headers' in out.ping)
    out.ping = { ...out.ping, headers: mapHeaders(out.ping.headers, 'ping.headers', fn) }
  return out as T
}

/** The secret at `path` (as mapDeliverySecrets names it), if any. */
export function secretAt(delivery: unknown, path: string): string | undefined {
  let found: string | undefined
  mapDeliverySecrets(delivery, (value, at) => {
    if (at === path) found = value
    return value
  })
  return found
}

/** What the API shows: each credential replaced by the mask. */
export function maskDelivery<T>(delivery: T): T {
  return mapDeliverySecrets(delivery, () => SECRET_MASK)
}

/**
 * The API is write-only for credentials: a basic password or bearer token left out of an `auth`
 * of the same kind as the stored one reads as the mask, i.e. "keep what is stored". Removing
 * `auth` altogether removes the credential.
 */
export function markOmittedSecrets<T>(incoming: T, stored: unknown): T {
  if (!isObject(incoming) || !isObject(incoming.auth) || !isObject(stored) || !isObject(stored.auth))
    return incoming
  if (incoming.auth.kind !== stored.auth.kind) return incoming
  const auth: Obj = { ...incoming.auth }
  for (const key of ['password', 'token']) {
    if (auth[key] === undefined && typeof stored.auth[key] === 'string') auth[key] = SECRET_MASK
  }
  return { ...incoming, auth } as T
}
