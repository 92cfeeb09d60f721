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
    insertAll(db, ids, count, contractsOf(db))
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  return { ms: Date.now() - started, leads: count }
}

/** The demo contracts, so a third of the stored leads are sold (scenario 6 reports on them). */
function contractsOf(db: Database.Database): Array<{ id: number; buyer_id: number; price_cents: number }> {
  return db.prepare('select id, buyer_id, price_cents from contracts order by id').all() as Array<{
    id: number
    buyer_id: number
    price_cents: number
  }>
}

function insertAll(
  db: Database.Database,
  ids: { source_id: number; campaign_id: number; lead_type_id: number },
  count: number,
  contracts: Array<{ id: number; buyer_id: number; price_cents: number }>,
) {
  // Every third lead is sold to one contract, with the sale's ledger rows, as record-sale.ts writes them.
  const sale = db.prepare(
    `insert into sales (lead_id, contract_id, buyer_id, event_id, price_cents, state, created_at)
     values (?, ?, ?, ?, ?, 'sold', ?)`,
  )
  const ledger = db.prepare(
    `insert into ledger (account_kind, account_id, lead_id, sale_id, entry, amount_cents, memo, created_at)
     values (?, ?, ?, ?, ?, ?, null, ?)`,
  )
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
      const contract = n % 3 === 0 ? contracts[(n / 3) % contracts.length] : undefined
      if (contract) {
        const eventId = randomUUID().replaceAll('-', '').slice(0, 24)
        const saleId = Number(
          sale.run(leadId, contract.id, contract.buyer_id, eventId, contract.price_cents, at).lastInsertRowid,
        )
        ledger.run('buyer', contract.buyer_id, leadId, saleId, 'sale', contract.price_cents, at)
        ledger.run('source', ids.source_id, leadId, saleId, 'source_cost', 1000, at)
      }
    }
  })()
}
