import type { Kysely } from 'kysely'
import type { EventRecord } from '../core/events/event-record.js'
import { compiledOnce } from './compiled-once.js'
import type { Database, Event } from './schema.js'

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value))

/** Writes events in one statement (inside the caller's transaction when `db` is one). */
export async function insertEvents(db: Kysely<Database>, events: readonly EventRecord[]): Promise<void> {
  if (events.length === 0) return
  const rows = events.map(eventRow)
  if (rows.length > MAX_COMPILED_ROWS) {
    await db.insertInto('events').values(rows).execute()
    return
  }
  // Compiled once per row count (src/storage/compiled-once.ts); every column is always set.
  const query = compiledOnce(
    db,
    `insert-events:${rows.length}`,
    rows.length * EVENT_COLUMNS.length,
    (db, slots) =>
      db
        .insertInto('events')
        .values(
          rows.map((_, r) =>
            Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, slots[r * EVENT_COLUMNS.length + i]])),
          ) as never,
        ),
    rows.flatMap((row) => EVENT_COLUMNS.map((c) => row[c] ?? null)),
  )
  await db.executeQuery(query)
}

/** An auction writes one event per contract; more rows than this go through the builder. */
const MAX_COMPILED_ROWS = 16

function eventRow(e: EventRecord) {
  const startedAt = e.startedAt.toISOString()
  return {
    id: e.id,
    lead_id: e.leadId,
    kind: e.kind,
    step: e.step,
    contract_id: e.contractId ?? null,
    buyer_id: e.buyerId ?? null,
    source_id: e.sourceId ?? null,
    outcome: e.outcome,
    reason: e.reason ?? null,
    started_at: startedAt,
    // An instant event's two times are one Date (core/events/event-record.ts): formatted once.
    finished_at: e.finishedAt
      ? e.finishedAt === e.startedAt
        ? startedAt
        : e.finishedAt.toISOString()
      : null,
    duration_ms: e.durationMs ?? null,
    request_json: json(e.request),
    response_json: json(e.response),
    data_json: json(e.data),
  }
}

const EVENT_COLUMNS = Object.keys(eventRow({ startedAt: new Date(0) } as EventRecord)) as Array<
  keyof ReturnType<typeof eventRow>
>

/** A lead's whole trail, oldest first (ties keep insertion order through the id-free sort on time). */
export async function listLeadEvents(db: Kysely<Database>, leadId: number): Promise<Event[]> {
  return db.selectFrom('events').selectAll().where('lead_id', '=', leadId).orderBy('started_at').execute()
}
