import { createHash, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

/** Random secrets (API keys, tokens): sha256 is enough, and lets the database look them up by hash. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function generateSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`
}

/** node:crypto's scrypt as a promise: it runs on libuv's thread pool, never on the event loop. */
function scryptAsync(password: string, salt: Buffer, length: number, options: ScryptOptions = {}) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  )
}

/**
 * Human-chosen passwords (a source's LeadExec `password`) get scrypt with a per-password salt.
 * Format: scrypt$<salt b64>$<hash b64>.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await scryptAsync(password, salt, 32)
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`
}

const verified = new Map<string, boolean>()

/**
 * Constant-time check of a password against its stored hash. scrypt costs ~50 ms by design, too
 * much for every post, so results are memoised per (stored hash, sha256 of the attempt): a
 * changed password has a new stored hash and misses the memo. The scrypt itself runs off the
 * event loop, so a flood of wrong passwords no longer stalls every other request.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const memoKey = `${stored}|${hashSecret(password)}`
  const memo = verified.get(memoKey)
  if (memo !== undefined) return memo
  const [scheme, saltB64, hashB64] = stored.split('$')
  let ok = false
  if (scheme === 'scrypt' && saltB64 && hashB64) {
    const expected = Buffer.from(hashB64, 'base64')
    const actual = await scryptAsync(password, Buffer.from(saltB64, 'base64'), expected.length)
    ok = timingSafeEqual(expected, actual)
  }
  if (verified.size > 10_000) verified.clear()
  verified.set(memoKey, ok)
  return ok
}
