import type { Campaign, Items, Source } from '../api/types'
import { ErrorBanner } from '../components/error-banner'
import { Empty } from '../components/section'
import { Status } from '../components/status'
import { caps, time } from '../format'
import { useApiQuery } from '../query'

/** Sources (by vid) with their campaigns and the settings distribution reads. */
export function SourcesScreen() {
  const sources = useApiQuery<Items<Source>>('/sources', undefined, { everyMs: 30_000 })
  const campaigns = useApiQuery<Items<Campaign>>('/campaigns', undefined, { everyMs: 30_000 })
  const byVid = new Map<number, Campaign[]>()
  for (const c of campaigns.data?.items ?? []) byVid.set(c.vid, [...(byVid.get(c.vid) ?? []), c])
  return (
    <div>
      <div className="toolbar">
        <h1>Sources</h1>
        <span className="spacer" />
        <button type="button" onClick={() => void sources.refetch()}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={sources.error ?? campaigns.error ?? undefined} />
      <table className="grid">
        <thead>
          <tr>
            <th>VID</th>
            <th>Name</th>
            <th>Status</th>
            <th>Auth</th>
            <th>Campaigns (aid · lid)</th>
            <th>Margin</th>
            <th>Caps</th>
            <th>Other settings</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {sources.data?.items.map((s) => {
            const { margin, caps: sourceCaps, ...other } = s.settings as Record<string, unknown>
            return (
              <tr key={s.vid}>
                <td>{s.vid}</td>
                <td>{s.name}</td>
                <td>
                  <Status value={s.status} />
                </td>
                <td className="small">
                  {[s.has_password && 'password', s.require_token && 'token required']
                    .filter(Boolean)
                    .join(', ') || 'none'}
                </td>
                <td className="small">
                  {(byVid.get(s.vid) ?? []).map((c) => (
                    <div key={c.aid}>
                      {c.aid} · {c.name} <span className="muted">lid {c.lid ?? 'any'}</span>{' '}
                      {c.status !== 'active' && <Status value={c.status} />}
                    </div>
                  ))}
                </td>
                <td>{formatMargin(margin)}</td>
                <td>{caps((sourceCaps as never) ?? [])}</td>
                <td className="mono small">{Object.keys(other).length ? JSON.stringify(other) : ''}</td>
                <td>{time(s.created_at)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {sources.data?.items.length === 0 && <Empty>No sources yet (POST /api/v1/sources).</Empty>}
    </div>
  )
}

function formatMargin(margin: unknown): string {
  const m = margin as { kind?: string; value?: number } | undefined
  if (!m?.kind) return '—'
  return m.kind === 'percent' ? `${m.value}%` : `${m.kind} ${m.value}`
}
