import type { Kysely } from 'kysely'
import type {
  ClaimResult,
  IdempotencyClaim,
  IdempotencyStore,
  StoredAnswer,
} from '../core/idempotency/idempotency-store.js'
import type { Database } from './schema.js'

export interface IdempotencyOptions {
  retentionMs: number
  /**
   * A `running` claim older than this belonged to a request that died with its process; a retry
   * may then run again (docs/reliability.md, "Idempotency keys", says what that can repeat).
   */
  abandonedAfterMs: number
}

/** The idempotency key table (migration 006) behind the core port. */
export function createIdempotencyStore(db: Kysely<Database>, options: IdempotencyOptions): IdempotencyStore {
  return {
    claim: (claim, now) => claimIdempotencyKey(db, options, claim, now),
    async finish(claim, answer, now) {
      await db
        .updateTable('idempotency_keys')
        .set({
          state: 'done',
          response_status: answer.status,
          response_type: answer.contentType,
          response_location: answer.location,
          response_body: answer.body,
          expires_at: new Date(now.getTime() + options.retentionMs).toISOString(),
        })
        .where('scope', '=', claim.scope)
        .where('key', '=', claim.key)
        .where('request_hash', '=', claim.requestHash)
        .execute()
    },
    async abandon(claim) {
      await db
        .deleteFrom('idempotency_keys')
        .where('scope', '=', claim.scope)
        .where('key', '=', claim.key)
        .where('state', '=', 'running')
        .execute()
    },
    async prune(now) {
      const result = await db
        .deleteFrom('idempotency_keys')
        .where('expires_at', '<', now.toISOString())
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}

/**
 * Claims (scope, key) for one request, or says why not.
 *
 * Concurrency: the insert is `on conflict do nothing` on the (scope, key) primary key, so of two
 * requests racing with one key exactly one inserts and runs; the other reads the row and answers
 * in-progress (or replays once it is done). Taking over an expired or abandoned row is one
 * conditional update on the state read, so two retries cannot both take it over. One indexed
 * insert per keyed request; requests without the header never touch the table.
 */
async function claimIdempotencyKey(
  db: Kysely<Database>,
  options: IdempotencyOptions,
  claim: IdempotencyClaim,
  now: Date,
): Promise<ClaimResult> {
  const running = {
    request_hash: claim.requestHash,
    state: 'running',
    response_status: null,
    response_type: null,
    response_location: null,
    response_body: null,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + options.retentionMs).toISOString(),
  }
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ scope: claim.scope, key: claim.key, ...running })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { kind: 'run' }
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .executeTakeFirst()
  if (!row) return claimIdempotencyKey(db, options, claim, now)
  const abandoned =
    row.state === 'running' && Date.parse(row.created_at) < now.getTime() - options.abandonedAfterMs
  if (row.expires_at < now.toISOString() || abandoned) {
    const taken = await db
      .updateTable('idempotency_keys')
      .set(running)
      .where('scope', '=', claim.scope)
      .where('key', '=', claim.key)
      .where('created_at', '=', row.created_at)
      .where('state', '=', row.state)
      .executeTakeFirst()
    return Number(taken.numUpdatedRows) > 0 ? { kind: 'run' } : { kind: 'in-progress' }
  }
  if (row.request_hash !== claim.requestHash) return { kind: 'mismatch' }
  if (row.state !== 'done') return { kind: 'in-progress' }
  const answer: StoredAnswer = {
    status: row.response_status ?? 200,
    contentType: row.response_type,
    location: row.response_location,
    body: row.response_body ?? '',
  }
  return { kind: 'replay', answer }
}
