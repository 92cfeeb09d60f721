/** Who a presented API key may belong to (credentials.owner_kind). */
export type KeyOwnerKind = 'admin' | 'source' | 'buyer' | 'dialler' | 'cake'

export type KeyCheck =
  | { ok: true; ownerId: number | null; credentialId: number }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }

/**
 * Checks a presented secret against the stored credentials of one owner kind, as of now, from the
 * client address `clientIp` (request.ip). A key used from outside its `allowed_cidrs` answers
 * exactly as an unknown key does (docs/security.md). Vendor adapters and admin hooks ask this
 * port; only storage knows how keys are hashed and kept.
 */
export interface KeyChecker {
  check(ownerKind: KeyOwnerKind, secret: string, clientIp: string | undefined): Promise<KeyCheck>
}
