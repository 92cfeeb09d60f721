import type pg from 'pg'
import type { Listening } from './dialect.js'
import { loadPg } from './load-pg.js'

const FIRST_RETRY_MS = 100
const LAST_RETRY_MS = 5_000

export interface ListenHandlers {
  /** A notification arrived, or the connection was (re)opened and some may have been missed. */
  onNotify(): void
  /** The connection failed or dropped; it is reopened by itself (log it, do not throw). */
  onError(error: Error): void
}

/**
 * One dedicated connection, outside the pool, that LISTENs on `channel` for as long as it is open.
 *
 * A pooled connection cannot listen: the pool hands it to other queries and may close it when
 * idle. A dropped connection (pg_terminate_backend, a restart, a failover) emits `'error'` and
 * `'end'`; the `'error'` listener keeps the process alive and `'end'` reopens the connection
 * after a backoff (0.1 s doubling to 5 s). Notifications sent while it was away are lost, so
 * every (re)connection calls `onNotify` once: the worker then polls, which finds those jobs.
 */
export function listenPostgres(
  connectionString: string,
  channel: string,
  handlers: ListenHandlers,
): Listening {
  let client: pg.Client | undefined
  let closed = false
  let retryMs = FIRST_RETRY_MS
  let retryTimer: NodeJS.Timeout | undefined

  const reconnectLater = () => {
    if (closed || retryTimer) return
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      void connect()
    }, retryMs)
    retryTimer.unref()
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS)
  }

  const connect = async () => {
    const c = new (loadPg().Client)({ connectionString, keepAlive: true, connectionTimeoutMillis: 5_000 })
    client = c
    c.on('error', (error) => handlers.onError(error))
    c.on('end', () => {
      if (client === c) client = undefined
      reconnectLater()
    })
    c.on('notification', () => handlers.onNotify())
    try {
      await c.connect()
      await c.query(`listen ${loadPg().escapeIdentifier(channel)}`)
      if (closed) return void (await c.end())
      retryMs = FIRST_RETRY_MS
      handlers.onNotify()
    } catch (error) {
      handlers.onError(error instanceof Error ? error : new Error(String(error)))
      // A client that never connected emits no 'end': close it and try again.
      c.end().catch(() => {})
      if (client === c) client = undefined
      reconnectLater()
    }
  }

  void connect()
  return {
    async close() {
      closed = true
      clearTimeout(retryTimer)
      const c = client
      client = undefined
      await c?.end().catch(() => {})
    },
  }
}
