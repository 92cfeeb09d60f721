import type { DatabaseConnection, Dialect, Driver, QueryResult } from 'kysely'
import { LeadflowError } from '../../core/errors.js'

/**
 * PostgreSQL SQLSTATEs that mean "this attempt failed, the same request can succeed later"
 * (postgresql.org/docs/current/errcodes-appendix.html): class 08 connection exceptions, 57P01–03
 * administrator/crash shutdown and "cannot connect now" (pg_terminate_backend, a restart, a
 * failover), 57014 query_canceled (statement_timeout), 40001 serialization failure, 40P01
 * deadlock, class 53 insufficient resources (too many connections, out of memory or disk).
 */
const PG_TRANSIENT = /^(08...|57P0[123]|57014|40001|40P01|53...|55P03)$/

/** What node-postgres and node sockets throw when there is no server to talk to. */
const NODE_TRANSIENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
])
const PG_CLIENT_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable/

/** better-sqlite3 extended result codes: busy/locked (another writer), I/O errors, a full disk. */
const SQLITE_TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|PROTOCOL)/

/**
 * True when `error` is a database fault worth retrying (the request, not the statement): the
 * connection dropped, the server restarted, a statement timed out, SQLite was busy or could not
 * write. Unique violations and other constraint errors are answers, not faults, and are false.
 */
export function isDatabaseFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string') {
    if (PG_TRANSIENT.test(code) || NODE_TRANSIENT.has(code) || SQLITE_TRANSIENT.test(code)) return true
  }
  const message = (error as { message?: unknown } | null)?.message
  return typeof message === 'string' && PG_CLIENT_MESSAGES.test(message)
}

/** The registry's retryable error (HTTP 503 with Retry-After), keeping the driver's error as cause. */
export function databaseUnavailable(cause: unknown): LeadflowError {
  return new LeadflowError('LF_DATABASE_UNAVAILABLE', undefined, undefined, { cause })
}

function translateFault(error: unknown): never {
  throw isDatabaseFault(error) ? databaseUnavailable(error) : error
}

/**
 * `run()` with its fault translated, whether it throws or rejects. A rejection handler on the
 * driver's promise rather than an async wrapper: one promise and no extra turn per statement,
 * about ten statements a post.
 */
function translated<T>(run: () => Promise<T>): Promise<T> {
  let pending: Promise<T>
  try {
    pending = run()
  } catch (error) {
    return Promise.reject(error).catch(translateFault)
  }
  return Promise.resolve(pending).catch(translateFault)
}

/**
 * Wraps a Kysely dialect so that every database fault, from any query, transaction step or
 * connection checkout of any store, surfaces as one registry error (LF_DATABASE_UNAVAILABLE).
 * One place instead of a try/catch per store: each protocol's error handler then answers it as
 * 503 with Retry-After in its own shape (docs/compat.md, "Database faults").
 */
export function withDatabaseFaults(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => faultTranslatingDriver(dialect.createDriver()),
  }
}

function faultTranslatingDriver(inner: Driver): Driver {
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>()
  // One wrapper per driver connection, made the first time it is handed out (SQLite has one
  // connection, a PostgreSQL pool reuses its own): not a new object and WeakMap entry per statement.
  const outers = new WeakMap<DatabaseConnection, DatabaseConnection>()
  const unwrap = (c: DatabaseConnection) => wrapped.get(c) ?? c
  const driver: Driver = {
    init: () => translated(() => inner.init()),
    async acquireConnection() {
      const connection = await translated(() => inner.acquireConnection())
      const kept = outers.get(connection)
      if (kept) return kept
      const outer: DatabaseConnection = {
        executeQuery: <R>(query: Parameters<DatabaseConnection['executeQuery']>[0]) =>
          translated(() => connection.executeQuery(query) as Promise<QueryResult<R>>),
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
      }
      wrapped.set(outer, connection)
      outers.set(connection, outer)
      return outer
    },
    beginTransaction: (c, settings) => translated(() => inner.beginTransaction(unwrap(c), settings)),
    commitTransaction: (c) => translated(() => inner.commitTransaction(unwrap(c))),
    rollbackTransaction: (c) => translated(() => inner.rollbackTransaction(unwrap(c))),
    releaseConnection: (c) => inner.releaseConnection(unwrap(c)),
    destroy: () => inner.destroy(),
  }
  if (inner.savepoint) {
    const savepoint = inner.savepoint.bind(inner)
    driver.savepoint = (c, name, compile) => translated(() => savepoint(unwrap(c), name, compile))
  }
  if (inner.rollbackToSavepoint) {
    const rollbackTo = inner.rollbackToSavepoint.bind(inner)
    driver.rollbackToSavepoint = (c, name, compile) => translated(() => rollbackTo(unwrap(c), name, compile))
  }
  if (inner.releaseSavepoint) {
    const release = inner.releaseSavepoint.bind(inner)
    driver.releaseSavepoint = (c, name, compile) => translated(() => release(unwrap(c), name, compile))
  }
  return driver
}
