import type { ApiError } from '../api'

/** An API error as the operator needs it: status, code, message and each invalid path. */
export function ErrorBanner({ error }: { error: ApiError | Error | null | undefined }) {
  if (!error) return null
  const e = error as Partial<ApiError>
  return (
    <div className="error" role="alert">
      <strong>
        {e.status ? `${e.status} ` : ''}
        {e.code ?? 'Error'}
      </strong>{' '}
      {error.message}
      {e.details && e.details.length > 0 && (
        <ul>
          {e.details.map((d) => {
            const where = d.path ?? d.instancePath ?? ''
            return (
              <li key={`${where}:${d.message}`}>
                <code>{where}</code> {d.message}
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
