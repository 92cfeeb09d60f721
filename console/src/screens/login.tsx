import { type FormEvent, useState } from 'react'
import { ApiError, session } from '../api'
import { ErrorBanner } from '../components/error-banner'

/** Email and password, then the two-factor code when the user has turned it on. */
export function LoginScreen(props: { notice?: string; onLogin: () => void }) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [totp, setTotp] = useState('')
  const [needsTotp, setNeedsTotp] = useState(false)
  const [error, setError] = useState<ApiError>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await session.signIn(email.trim(), password, needsTotp ? totp.trim() : undefined)
      props.onLogin()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'LF_TOTP_REQUIRED') setNeedsTotp(true)
      else setError(e as ApiError)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="login">
      <form onSubmit={submit} className="panel">
        <h1>leadflow console</h1>
        <p className="muted">Sign in with your email and password.</p>
        {props.notice && !error && <div className="notice">{props.notice}</div>}
        <ErrorBanner error={error} />
        <label>
          Email
          <input
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="owner@demo.test in the demo world"
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {needsTotp && (
          <label>
            Two-factor code
            <input
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={totp}
              onChange={(e) => setTotp(e.target.value)}
            />
          </label>
        )}
        <button type="submit" disabled={busy || !email.trim() || !password}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </div>
  )
}
