import type { PortalStatement } from '../api/types'
import { ErrorBanner } from '../components/error-banner'
import { Section } from '../components/section'
import { cents } from '../format'
import { useApiQuery } from '../query'

const thisMonth = () => new Date().toISOString().slice(0, 7)

/** This month's statement of the caller's own account: figures, with CSV and printable links. */
export function StatementPanel({ path }: { path: '/portal/buyer/statement' | '/portal/seller/statement' }) {
  const period = thisMonth()
  const statement = useApiQuery<PortalStatement>(path, { period })
  const s = statement.data
  const link = (format: string) => `/api/v1${path}?period=${period}&format=${format}`
  return (
    <Section
      title={`Statement ${period}`}
      extra={
        <span>
          <a href={link('csv')} download>
            CSV
          </a>
          {' · '}
          <a href={link('html')} target="_blank" rel="noreferrer">
            Printable
          </a>
        </span>
      }
    >
      <ErrorBanner error={statement.error ?? undefined} />
      {s && (
        <dl className="facts">
          <dt>Opening balance</dt>
          <dd>{cents(s.opening_balance_cents)}</dd>
          {Object.entries(s.summary).map(([k, v]) => (
            <Fact key={k} name={k} value={v} />
          ))}
          <dt>Closing balance</dt>
          <dd>{cents(s.closing_balance_cents)}</dd>
        </dl>
      )}
    </Section>
  )
}

function Fact({ name, value }: { name: string; value: number }) {
  const words = name.replace(/_cents$/, '').replaceAll('_', ' ')
  const label = name.endsWith('_cents') ? `${words} ($)` : `${words} (count)`
  return (
    <>
      <dt>{label}</dt>
      <dd>{name.endsWith('_cents') ? cents(value) : value}</dd>
    </>
  )
}
