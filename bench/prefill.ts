import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { duplicateKeyHash } from '../src/core/leads/duplicate-keys.js'

/**
 * Stores `count` leads straight into a stopped leadflow's SQLite file, in one transaction with
 * prepared statements (posting them one by one would take longer than the benchmark). Each row has
 * the columns intake writes and, like intake, one `lead_keys` row per duplicate rule (Email,
 * Phone; the same hash as src/core/leads/duplicate-keys.ts), all inside the 30-day window, so the duplicate lookup of scenario 5 searches a full index.
 * The values never collide with bench/leads.ts, so no later post is refused as a duplicate.
 */
export function prefillLeads(dataDir: string, count: number): { ms: number; leads: number } {
  const started = Date.now()
  const db = new Database(join(dataDir, 'leadflow.db'))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = OFF')
    const ids = db
      .prepare(
        `select s.id as source_id, c.id as campaign_id, t.id as lead_type_id
         from sources s join campaigns c on c.source_id = s.id join lead_types t on t.lid = 1
         where s.vid = 1 and c.aid = 1`,
      )
      .get() as { source_id: number; campaign_id: number; lead_type_id: number } | undefined
    if (!ids) throw new Error('prefill: the demo world (vid 1, aid 1, lid 1) is missing')
    insertAll(db, ids, count)
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  return { ms: Date.now() - started, leads: count }
}

function insertAll(
  db: Database.Database,
  ids: { source_id: number; campaign_id: number; lead_type_id: number },
  count: number,
) {
  const lead = db.prepare(
    `insert into leads (post_id, source_id, campaign_id, lead_type_id, reference, status, response_type,
       mode, raw_json, fields_json, no_sell, received_at, processed_at, outcome_json)
     values (?, ?, ?, ?, ?, 'accepted', 'No_Error', 'general', ?, ?, 1, ?, ?, '{}')`,
  )
  const key = db.prepare(
    `insert into lead_keys (lead_id, lead_type_id, source_id, rule, key_hash, created_at)
     values (?, ?, ?, ?, ?, ?)`,
  )
  const now = Date.now()
  const windowMs = 29 * 24 * 3600 * 1000
  db.transaction(() => {
    for (let n = 0; n < count; n++) {
      const at = new Date(now - windowMs + Math.floor((n / count) * windowMs)).toISOString()
      const email = `prefill.${n}@leadflow-prefill.com`
      const phone = `+1555${String(n).padStart(7, '0')}`
      const fields = JSON.stringify({
        FirstName: 'Pre',
        LastName: `Filled${n}`,
        Email: email,
        Phone: phone,
        Zip: '10001',
      })
      const row = lead.run(
        randomUUID(),
        ids.source_id,
        ids.campaign_id,
        ids.lead_type_id,
        `prefill-${n}`,
        fields,
        fields,
        at,
        at,
      )
      const leadId = Number(row.lastInsertRowid)
      key.run(leadId, ids.lead_type_id, ids.source_id, 'Email', duplicateKeyHash([email]), at)
      key.run(leadId, ids.lead_type_id, ids.source_id, 'Phone', duplicateKeyHash([phone]), at)
    }
  })()
}
