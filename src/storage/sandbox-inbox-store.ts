import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

export interface SandboxRequest {
  sandbox: string
  kind: 'ping' | 'post'
  request: unknown
  response: unknown
  at: Date
}

export async function storeSandboxRequest(db: Kysely<Database>, r: SandboxRequest): Promise<void> {
  await db
    .insertInto('sandbox_inbox')
    .values({
      sandbox: r.sandbox,
      kind: r.kind,
      request_json: JSON.stringify(r.request),
      response_json: JSON.stringify(r.response),
      received_at: r.at.toISOString(),
    })
    .execute()
}

export async function listSandboxInbox(db: Kysely<Database>, sandbox: string, limit: number) {
  const rows = await db
    .selectFrom('sandbox_inbox')
    .selectAll()
    .where('sandbox', '=', sandbox)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    receivedAt: r.received_at,
    request: JSON.parse(r.request_json),
    response: JSON.parse(r.response_json),
  }))
}
