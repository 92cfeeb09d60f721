import { useEffect, useState } from 'react'
import { onUnauthorized, session } from './api'
import { Link, usePath } from './router'
import { BuyersScreen } from './screens/buyers'
import { LeadDetailScreen } from './screens/lead-detail'
import { LeadsScreen } from './screens/leads'
import { LoginScreen } from './screens/login'
import { ReturnsScreen } from './screens/returns'
import { SourcesScreen } from './screens/sources'

const NAV = [
  ['leads', 'Leads'],
  ['buyers', 'Buyers & contracts'],
  ['sources', 'Sources'],
  ['returns', 'Returns'],
] as const

export function App() {
  const [signedIn, setSignedIn] = useState(session.active)
  const [notice, setNotice] = useState<string>()
  useEffect(
    () =>
      onUnauthorized(() => {
        session.clear()
        setSignedIn(false)
        setNotice('Your session ended (401). Sign in again.')
      }),
    [],
  )
  if (!signedIn) {
    return (
      <LoginScreen
        notice={notice}
        onLogin={() => {
          setNotice(undefined)
          setSignedIn(true)
        }}
      />
    )
  }
  const signOut = async () => {
    await session.signOut()
    session.clear()
    setSignedIn(false)
  }
  return <Shell onSignOut={signOut} />
}

function Shell({ onSignOut }: { onSignOut: () => Promise<void> }) {
  const path = usePath()
  const [section = 'leads', id] = path.split('/')
  return (
    <div className="shell">
      <nav className="topbar">
        <span className="brand">leadflow</span>
        {NAV.map(([to, label]) => (
          <Link key={to} to={to} className={section === to ? 'active' : ''}>
            {label}
          </Link>
        ))}
        <span className="spacer" />
        <a href="/docs" target="_blank" rel="noreferrer">
          API docs
        </a>
        <button type="button" className="link" onClick={onSignOut}>
          Sign out
        </button>
      </nav>
      <main>{screen(section, id)}</main>
    </div>
  )
}

function screen(section: string, id: string | undefined) {
  if (section === 'leads' && id) return <LeadDetailScreen id={id} />
  if (section === 'leads' || section === '') return <LeadsScreen />
  if (section === 'buyers') return <BuyersScreen />
  if (section === 'sources') return <SourcesScreen />
  if (section === 'returns') return <ReturnsScreen />
  return <p className="empty">No screen at /console/{section}.</p>
}
