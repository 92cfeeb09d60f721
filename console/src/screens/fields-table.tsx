import { Empty } from '../components/section'

interface NormalField {
  raw?: unknown
  normal?: unknown
  valid?: boolean
  error?: string
  components?: Record<string, unknown>
}

const text = (v: unknown) =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)

/** Normalised fields as intake stored them: raw value, normal form, validity and parsed parts. */
export function FieldsTable({ fields }: { fields: unknown }) {
  const entries =
    fields && typeof fields === 'object' ? Object.entries(fields as Record<string, unknown>) : []
  if (entries.length === 0) return <Empty>No fields.</Empty>
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>Field</th>
          <th>Posted</th>
          <th>Normalised</th>
          <th>Valid</th>
          <th>Details</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => {
          const f: NormalField =
            value && typeof value === 'object' && ('raw' in value || 'normal' in value)
              ? (value as NormalField)
              : { raw: value, normal: value }
          return (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="mono">{text(f.raw)}</td>
              <td className="mono">{text(f.normal)}</td>
              <td>{f.valid === false ? <span className="badge bad">invalid</span> : f.valid ? '✓' : ''}</td>
              <td className="muted small">
                {f.error ??
                  Object.entries(f.components ?? {})
                    .map(([k, v]) => `${k}: ${text(v)}`)
                    .join(' · ')}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
