import { randomFillSync } from 'node:crypto'

const POOL_BYTES = 4096

let pool = Buffer.alloc(0)
let used = 0

/**
 * `n` bytes from the CSPRNG, drawn from a 4 KiB block filled at once. A `randomBytes` call per id
 * (a buffer and a call into OpenSSL) was 3 % of a LeadExec post's CPU, about 12 µs for its post id
 * and its event id (docs/performance.md, round 5): the reason Node keeps an entropy cache behind
 * `crypto.randomUUID`. Each call gets bytes no other call got, in a view of its own block: a new
 * block is allocated when one runs out, never refilled in place, so a caller may write into its
 * view (to stamp a time) without touching anyone else's bytes.
 */
export function pooledRandomBytes(n: number): Buffer {
  if (n > POOL_BYTES) return randomFillSync(Buffer.alloc(n))
  if (used + n > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES))
    used = 0
  }
  const bytes = pool.subarray(used, used + n)
  used += n
  return bytes
}
