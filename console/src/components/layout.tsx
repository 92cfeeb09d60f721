import { Component, type ErrorInfo, type ReactNode, Suspense, useEffect, useState } from 'react'
import { NavLink, Outlet, useLocation } from 'react-router'
import { useAuth } from '../auth'
import { NAV_GROUPS, ROUTES } from '../routes'

/**
 * The frame around every screen: a side nav of the screens the caller's role may use (a top bar
 * with a Menu button at phone width), who is signed in, and the screen itself.
 */
export function Layout() {
  const { me, can, signOut } = useAuth()
  const [open, setOpen] = useState(false)
  const location = useLocation()
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu on every navigation
  useEffect(() => setOpen(false), [location.pathname])
  const visible = ROUTES.filter((r) => r.label && can(r.permission))
  return (
    <div className="shell">
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen(!open)}
        >
          Menu
        </button>
        <span className="brand">leadflow</span>
        <span className="spacer" />
        <span className="who" title={me.label}>
          {me.user?.name || me.label} <span className="role">{me.role ?? me.kind}</span>
        </span>
        <button type="button" className="link" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <div className="body">
        <nav id="main-nav" className={`sidenav ${open ? 'open' : ''}`} aria-label="Screens">
          {NAV_GROUPS.map((group) => {
            const entries = visible.filter((r) => r.group === group)
            if (entries.length === 0) return null
            return (
              <div key={group} className="nav-group">
                <h2>{group}</h2>
                {entries.map((r) => (
                  <NavLink key={r.path} to={`/${r.path}`} end={false}>
                    {r.label}
                  </NavLink>
                ))}
              </div>
            )
          })}
          <div className="nav-group">
            <a href="/docs" target="_blank" rel="noreferrer">
              API docs
            </a>
          </div>
        </nav>
        <main>
          <ScreenBoundary key={location.pathname}>
            <Suspense fallback={<p className="muted">Loading…</p>}>
              <Outlet />
            </Suspense>
          </ScreenBoundary>
        </main>
      </div>
    </div>
  )
}

/** A screen that throws shows its error in place; the nav keeps working. */
class ScreenBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {}
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack)
  }
  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div className="error" role="alert">
        <strong>This screen failed.</strong> {this.state.error.message}
      </div>
    )
  }
}
