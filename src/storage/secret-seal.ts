import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** Prefix of a sealed value: which scheme sealed it, so a later scheme can read old rows. */
const PREFIX = 'lfsealed:v1:'
const IV_BYTES = 12
const TAG_BYTES = 16

export interface Sealer {
  /** AES-256-GCM with a fresh 96-bit IV (NIST SP 800-38D, 8.2.2): `lfsealed:v1:<base64 iv|tag|ciphertext>`. */
  seal(plain: string): string
  /** Throws when the value was sealed with another key or altered (the GCM tag does not verify). */
  open(sealed: string): string
  isSealed(value: string): boolean
}

/** A sealer over a 32-byte key (LEADFLOW_SECRET_KEY or `<dataDir>/secret.key`; src/app/secret-key.ts). */
export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error(`the secret key must be 32 bytes, got ${key.length}`)
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed value')
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64')
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      )
    },
    isSealed: (value) => value.startsWith(PREFIX),
  }
}
