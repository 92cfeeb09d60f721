import { type FormEvent, useState } from 'react'
import { type ApiError, api } from '../api'
import { ErrorBanner } from '../components/error-banner'

/** Asks for an admin API key and checks it with one cheap call before keeping it. */
export function LoginScreen(props: { notice?: string; onLogin: (key: string) => void }) {
  const [key, setKey] = useState('')
  const [error, setError] = useState<ApiError>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await api('GET', '/leads?limit=1', undefined, key.trim())
      props.onLogin(key.trim())
    } catch (e) {
      setError(e as ApiError)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="login">
      <form onSubmit={submit} className="panel">
        <h1>leadflow console</h1>
        <p className="muted">Sign in with an admin API key. It is kept in this tab only (sessionStorage).</p>
        {props.notice && !error && <div className="notice">{props.notice}</div>}
        <ErrorBanner error={error} />
        <label>
          Admin API key
          <input
            name="key"
            type="password"
            autoComplete="current-password"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder="demo-admin-key in the demo world"
          />
        </label>
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </div>
  )
}
