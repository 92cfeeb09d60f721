/**
 * The session is an HttpOnly cookie this script never sees; the CSRF token is a readable cookie
 * that every state-changing call echoes in X-CSRF-Token (docs/accounts.md). Its presence means
 * "signed in as far as this tab knows"; the API has the last word (401 goes back to sign-in).
 */
const CSRF_COOKIE = 'lf_csrf'
const UNAUTHORIZED = 'leadflow:unauthorized'

export interface ErrorDetail {
  path?: string
  /** Schema validation (Ajv) names the place this way instead. */
  instancePath?: string
  /** Ajv's extra facts, e.g. `{ missingProperty: 'name' }` for a `required` failure. */
  params?: Record<string, unknown>
  message: string
}

/** An answer of the native API that is not 2xx, in its `{ error: { code, message, details } }` shape. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message)
  }
}

function csrfToken(): string | null {
  const pair = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`))
  return pair ? decodeURIComponent(pair.slice(CSRF_COOKIE.length + 1)) : null
}

export const session = {
  active: (): boolean => csrfToken() !== null,
  signIn: (email: string, password: string, totp?: string) =>
    api('POST', '/session', { email, password, ...(totp ? { totp } : {}) }),
  /** Ends the session on the server; the cookies go with it. */
  signOut: () => api('DELETE', '/session').catch(() => undefined),
  /** Forgets the CSRF cookie when the server refused the session. */
  clear: () => {
    // biome-ignore lint/suspicious/noDocumentCookie: one fixed expiry string; the Cookie Store API is not in every browser the console supports
    document.cookie = `${CSRF_COOKIE}=; path=/; max-age=0; samesite=strict`
  },
}

/** Calls `listener` when any request is refused with 401, so the app can go back to the login. */
export function onUnauthorized(listener: () => void): () => void {
  window.addEventListener(UNAUTHORIZED, listener)
  return () => window.removeEventListener(UNAUTHORIZED, listener)
}

export type Query = Record<string, string | number | undefined | null>

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

/** One call to /api/v1 with the session cookie; throws ApiError for any non-2xx answer. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {}
  const csrf = csrfToken()
  if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf
  if (body !== undefined) headers['content-type'] = 'application/json'
  let res: Response
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (error) {
    throw new ApiError(0, 'NETWORK', `leadflow did not answer: ${(error as Error).message}`)
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  const json = parse(text)
  if (res.ok) return json as T
  const error = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[] } })?.error
  if (res.status === 401 && path !== '/session') window.dispatchEvent(new Event(UNAUTHORIZED))
  throw new ApiError(
    res.status,
    error?.code ?? `HTTP_${res.status}`,
    error?.message ?? (text.slice(0, 300) || res.statusText),
    Array.isArray(error?.details) ? error.details : [],
  )
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return null
  }
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query))
