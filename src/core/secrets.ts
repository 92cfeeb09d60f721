import { hash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createSemaphore, SemaphoreFullError } from './limits/semaphore.js'
import { createScryptThreads } from './scrypt-thread.js'

/**
 * Random secrets (API keys, tokens): sha256 is enough, and lets the database look them up by hash.
 * One-shot `hash`: every intake post hashes its password for the memo below.
 */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex')
}

export function generateSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`
}

/**
 * scrypt off the event loop, on leadflow's own threads (src/core/scrypt-thread.ts: libuv's pool
 * threads would each keep scrypt's 16 MB for good). Two threads: the default number of intake
 * password checks allowed at once (LEADFLOW_PASSWORD_CHECKS).
 */
const scryptAsync = createScryptThreads(2)

/**
 * Human-chosen passwords (a source's LeadExec `password`) get scrypt with a per-password salt.
 * Format: scrypt$<salt b64>$<hash b64>.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const derived = await scryptAsync(password, salt, 32)
  return `scrypt$${salt.toString('base64')}$${derived.toString('base64')}`
}

const verified = new Map<string, boolean>()

/**
 * Constant-time check of a password against its stored hash. scrypt costs ~50 ms by design, too
 * much for every post, so results are memoised per (stored hash, sha256 of the attempt): a
 * changed password has a new stored hash and misses the memo. The scrypt itself runs off the
 * event loop, so a flood of wrong passwords no longer stalls every other request.
 */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return checkMemoised(password, stored, (run) => run())
}

type Gate = (run: () => Promise<boolean>) => Promise<boolean>

/** Checks under way, by memo key: the posts that arrive together with one password share one scrypt. */
const checking = new Map<string, Promise<boolean>>()

async function checkMemoised(password: string, stored: string, gate: Gate): Promise<boolean> {
  const memoKey = `${stored}|${hashSecret(password)}`
  const memo = verified.get(memoKey)
  if (memo !== undefined) return memo
  const running = checking.get(memoKey)
  if (running) return running
  const check = gate(() => scryptMatches(password, stored))
  checking.set(memoKey, check)
  try {
    const ok = await check
    if (verified.size > 10_000) verified.clear()
    verified.set(memoKey, ok)
    return ok
  } finally {
    checking.delete(memoKey)
  }
}

async function scryptMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, hashB64] = stored.split('$')
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false
  const expected = Buffer.from(hashB64, 'base64')
  const actual = await scryptAsync(password, Buffer.from(saltB64, 'base64'), expected.length)
  return timingSafeEqual(expected, actual)
}

/**
 * The intake's password check: memo first (a source's right password never queues), then at most
 * `concurrency` scrypts at once. libuv's thread pool has 4 threads and also serves DNS lookups and
 * file I/O, so a flood of wrong passwords must not take all of them (issue 12: 150 wrong passwords
 * made /healthz take 2.1 s). Beyond `maxWaiting` queued checks a password is refused unchecked.
 */
export function createPasswordVerifier(options: { concurrency: number; maxWaiting: number }) {
  const semaphore = createSemaphore(options.concurrency, options.maxWaiting)
  const gate: Gate = (run) =>
    semaphore.run(run).catch((error: unknown) => {
      if (error instanceof SemaphoreFullError) return false
      throw error
    })
  return (password: string, stored: string): Promise<boolean> => checkMemoised(password, stored, gate)
}

/**
 * Checked when the source or the user is unknown, so an unknown vid or email costs what a wrong
 * password costs (intake's authenticate, console sign-in).
 */
export const DECOY_PASSWORD_HASH = 'scrypt$bGVhZGZsb3ctZGVjb3k=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
