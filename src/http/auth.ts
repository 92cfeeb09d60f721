import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

/** Random secrets (API keys, tokens): sha256 is enough, and lets the database look them up by hash. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function generateSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`
}

/**
 * Human-chosen passwords (a source's LeadExec `password`) get scrypt with a per-password salt.
 * Format: scrypt$<salt b64>$<hash b64>.
 */
export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(password, salt, 32)
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`
}

const verified = new Map<string, boolean>()

/**
 * Constant-time check of a password against its stored hash. scrypt costs ~50 ms by design, too
 * much for every post, so results are memoised per (stored hash, sha256 of the attempt): a
 * changed password has a new stored hash and misses the memo.
 */
export function verifyPassword(password: string, stored: string): boolean {
  const memoKey = `${stored}|${hashSecret(password)}`
  const memo = verified.get(memoKey)
  if (memo !== undefined) return memo
  const [scheme, saltB64, hashB64] = stored.split('$')
  let ok = false
  if (scheme === 'scrypt' && saltB64 && hashB64) {
    const expected = Buffer.from(hashB64, 'base64')
    const actual = scryptSync(password, Buffer.from(saltB64, 'base64'), expected.length)
    ok = timingSafeEqual(expected, actual)
  }
  if (verified.size > 10_000) verified.clear()
  verified.set(memoKey, ok)
  return ok
}

/** Extracts the token from `Authorization: Bearer …` (case-insensitive scheme). */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  const match = value?.match(/^\s*Bearer\s+(\S+)\s*$/i)
  return match?.[1]
}
