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
  const [key, setKey] = useState(session.key)
  const [notice, setNotice] = useState<string>()
  useEffect(
    () =>
      onUnauthorized(() => {
        session.clear()
        setKey(null)
        setNotice('The API refused the admin key (401). Sign in again.')
      }),
    [],
  )
  if (!key) {
    return (
      <LoginScreen
        notice={notice}
        onLogin={(k) => {
          session.save(k)
          setNotice(undefined)
          setKey(k)
        }}
      />
    )
  }
  const signOut = () => {
    session.clear()
    setKey(null)
  }
  return <Shell onSignOut={signOut} />
}

function Shell({ onSignOut }: { onSignOut: () => void }) {
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
