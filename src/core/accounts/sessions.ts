import { randomBytes } from 'node:crypto'
import { LeadflowError } from '../errors.js'
import type { Clock } from '../ports.js'
import { DECOY_PASSWORD_HASH, hashSecret, verifyPassword } from '../secrets.js'
import type { UserRecord, UserStore } from './account-stores.js'
import { totpValid } from './totp.js'

/** A console session lasts 12 hours from sign-in, then the user signs in again. */
export const SESSION_HOURS = 12

export interface SignIn {
  email: string
  password: string
  totp?: string
}

export interface SignedIn {
  /** The session cookie's value; only its sha256 is stored. */
  token: string
  /** The CSRF token the console sends back in X-CSRF-Token; only its sha256 is stored. */
  csrf: string
  user: UserRecord
  expiresAt: Date
}

export interface Sessions {
  signIn(input: SignIn, ip: string | null): Promise<SignedIn>
  signOut(token: string): Promise<void>
}

const WRONG = 'Wrong email or password'

export function createSessions(users: UserStore, clock: Clock): Sessions {
  return {
    async signIn(input, ip) {
      const user = await users.findByEmail(input.email.trim())
      // Unknown emails still pay for one scrypt, so timing does not tell which emails have accounts.
      const ok = await verifyPassword(input.password, user?.password_hash ?? DECOY_PASSWORD_HASH)
      if (!user?.password_hash || !ok) throw new LeadflowError('LF_UNAUTHORIZED', WRONG)
      if (user.status !== 'active') throw new LeadflowError('LF_UNAUTHORIZED', 'This user is disabled')
      const now = clock.now()
      if (user.totp_enabled && user.totp_secret) {
        if (!input.totp)
          throw new LeadflowError('LF_TOTP_REQUIRED', 'Enter the code from your authenticator app')
        if (!totpValid(user.totp_secret, user.email, input.totp, now))
          throw new LeadflowError('LF_UNAUTHORIZED', 'Wrong two-factor code')
      }
      const token = randomBytes(32).toString('base64url')
      const csrf = randomBytes(24).toString('base64url')
      const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000)
      await users.createSession(
        { idHash: hashSecret(token), userId: user.id, csrfHash: hashSecret(csrf), ip, expiresAt },
        now,
      )
      const signedIn = await users.update(user.id, { last_sign_in_at: now.toISOString() }, null, now)
      return { token, csrf, user: signedIn!, expiresAt }
    },
    signOut: (token) => users.deleteSession(hashSecret(token)),
  }
}
