/**
 * True when a write failed on a unique constraint. Natural keys (vid, aid, lid, buyer name,
 * contract name per buyer) are kept unique by the database, so two concurrent creates cannot
 * both win; the loser's error is recognised here (the only place that knows each driver's code)
 * and answered 409 LF_CONFLICT instead of 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  // PostgreSQL unique_violation; better-sqlite3 extended result codes.
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}
