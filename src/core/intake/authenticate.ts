import type { SourceCredentials } from './intake-command.js'
import type { IntakeDeps } from './intake-deps.js'
import type { SourceRecord } from './intake-store.js'
import { isBlank, type Rejection, reject, toId } from './rejection.js'

export type AuthResult = { ok: true; source: SourceRecord } | Rejection

/**
 * Checks presence of the source and lead type ids, then the source's credentials (seed 003: `password` "required
 * if provided", `access_token` "may be required"). Every credential failure is `unknown_account`
 * with a message saying which part failed; nothing is stored for these (docs/compat.md).
 */
export async function authenticate(
  deps: IntakeDeps,
  credentials: SourceCredentials,
  leadTypeId: string | undefined,
): Promise<AuthResult> {
  if (isBlank(credentials.sourceId))
    return reject('missing_source', 'vid (lead source identifier) is required')
  const id = toId(credentials.sourceId)
  if (id === undefined) return reject('missing_source', 'vid must be a positive whole number')
  if (isBlank(leadTypeId)) return reject('unknown_lead_type', 'lid (lead type identifier) is required')
  const source = await deps.store.findSource(id)
  if (!source) return reject('unknown_account', `No account found for vid ${id}`)
  const tokenOk = await checkToken(deps, credentials.token, source)
  if (tokenOk === false) return reject('unknown_account', 'The access token is not valid for this source')
  if (source.requireToken && tokenOk !== true) {
    return reject('unknown_account', 'This source requires an access token (Authorization: Bearer …)')
  }
  const passwordFailure = await checkPassword(deps, credentials.password, source, tokenOk === true)
  if (passwordFailure) return reject('unknown_account', passwordFailure)
  return { ok: true, source }
}

/** true: a valid token of this source; false: a token that is not; undefined: none sent. */
async function checkToken(
  deps: IntakeDeps,
  token: string | undefined,
  source: SourceRecord,
): Promise<boolean | undefined> {
  if (isBlank(token)) return undefined
  const owner = await deps.store.tokenOwner(token!, deps.clock.now())
  return owner === source.id
}

/**
 * A source with a password must send it, unless it authenticated with its own bearer token; a
 * wrong password always fails, even beside a valid token.
 */
async function checkPassword(
  deps: IntakeDeps,
  password: string | undefined,
  source: SourceRecord,
  hasToken: boolean,
): Promise<string | undefined> {
  if (!source.passwordHash) return undefined
  if (isBlank(password)) return hasToken ? undefined : 'password is required for this source'
  return (await deps.verifyPassword(password!, source.passwordHash))
    ? undefined
    : 'The password is not correct'
}
