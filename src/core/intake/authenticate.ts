import { DECOY_PASSWORD_HASH } from '../secrets.js'
import type { SourceCredentials } from './intake-command.js'
import type { IntakeDeps } from './intake-deps.js'
import type { SourceRecord } from './intake-store.js'
import { isBlank, type Rejection, reject, toId } from './rejection.js'

export type AuthResult = { ok: true; source: SourceRecord } | Rejection

/**
 * The one answer to every credential failure — unknown vid, wrong or missing password, bad token —
 * so a caller cannot tell a vid that exists from one that does not (issue 12). Which part failed
 * goes to the log only (`IntakeDeps.onRefusal`).
 */
export const CREDENTIALS_REFUSED = 'The source credentials are not valid'

function refuse(deps: IntakeDeps, sourceId: number, why: string): Rejection {
  deps.onRefusal?.({ sourceId, detail: why })
  return reject('unknown_account', CREDENTIALS_REFUSED)
}

/**
 * Checks presence of the source and lead type ids, then the source's credentials (seed 003: `password` "required
 * if provided", `access_token` "may be required"). Every credential failure is `unknown_account`
 * with one message (above); nothing is stored for these (docs/compat.md).
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
  if (!source) {
    // Costs what a wrong password costs, so timing does not tell unknown vids either.
    if (!isBlank(credentials.password)) await deps.verifyPassword(credentials.password!, DECOY_PASSWORD_HASH)
    return refuse(deps, id, `No account found for vid ${id}`)
  }
  const tokenOk = await checkToken(deps, credentials, source)
  if (tokenOk === false) return refuse(deps, id, 'The access token is not valid for this source')
  if (source.requireToken && tokenOk !== true) {
    return refuse(deps, id, 'This source requires an access token (Authorization: Bearer …)')
  }
  const passwordFailure = await checkPassword(deps, credentials.password, source, tokenOk === true)
  if (passwordFailure) return refuse(deps, id, passwordFailure)
  return { ok: true, source }
}

/** true: a valid token of this source; false: a token that is not; undefined: none sent. */
async function checkToken(
  deps: IntakeDeps,
  { token, clientIp }: SourceCredentials,
  source: SourceRecord,
): Promise<boolean | undefined> {
  if (isBlank(token)) return undefined
  const owner = await deps.store.tokenOwner(token!, deps.clock.now(), clientIp)
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
