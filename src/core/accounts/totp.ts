import { Secret, TOTP } from 'otpauth'

/** RFC 6238 defaults every authenticator app reads: SHA-1, 6 digits, 30 s. */
function totp(secret: string, email: string): TOTP {
  return new TOTP({ issuer: 'leadflow', label: email, secret: Secret.fromBase32(secret) })
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The otpauth:// URI an authenticator app scans (as a QR code) or takes pasted. */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString()
}

/** Accepts the current code and one step either side, for clock drift (RFC 6238 §5.2). */
export function totpValid(secret: string, email: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false
  return totp(secret, email).validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null
}

export function totpCode(secret: string, email: string, now: Date): string {
  return totp(secret, email).generate({ timestamp: now.getTime() })
}
