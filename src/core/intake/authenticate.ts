import type { SourceCredentials } from './intake-command.js'
import type { IntakeDeps } from './intake-deps.js'
import type { SourceRecord } from './intake-store.js'
import { isBlank, type Rejection, reject, toId } from './rejection.js'

export type AuthResult = { ok: true; source: SourceRecord } | Rejection

/**
 * Checks presence of vid and lid, then the source's credentials (seed 003: `password` "required
 * if provided", `access_token` "may be required"). Every credential failure is No_Account_Found
 * with a message saying which part failed; nothing is stored for these (docs/compat.md).
 */
export async function authenticate(
  deps: IntakeDeps,
  credentials: SourceCredentials,
  lid: string | undefined,
): Promise<AuthResult> {
  if (isBlank(credentials.vid)) return reject('Vendor_ID_Missing', 'vid (lead source identifier) is required')
  const vid = toId(credentials.vid)
  if (vid === undefined) return reject('Vendor_ID_Missing', 'vid must be a positive whole number')
  if (isBlank(lid)) return reject('LeadType_ID_Missing', 'lid (lead type identifier) is required')
  const source = await deps.store.findSource(vid)
  if (!source) return reject('No_Account_Found', `No account found for vid ${vid}`)
  const tokenOk = await checkToken(deps, credentials.token, source)
  if (tokenOk === false) return reject('No_Account_Found', 'The access token is not valid for this source')
  if (source.requireToken && tokenOk !== true) {
    return reject('No_Account_Found', 'This source requires an access token (Authorization: Bearer …)')
  }
  const passwordFailure = await checkPassword(deps, credentials.password, source, tokenOk === true)
  if (passwordFailure) return reject('No_Account_Found', passwordFailure)
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
