import { type Kysely, sql } from 'kysely'
import type { StorageDialect } from '../dialects/dialect.js'

/**
 * Finding a lead the way an operator asks (docs/console.md, "Leads"; src/storage/lead-search.ts):
 * by email or phone, by reference, by the buyer or contract it was sold to.
 *
 * `lead_contacts` holds the normal form (what intake compares: an email lower-cased, a phone in
 * E.164) of every valid email and phone among a lead's parsed fields, one row each. Row triggers
 * on `leads` keep it in the writer's own transaction — intake, the dialler, an update, the privacy
 * purge that empties `fields_json` — so no writer has to know it exists, and a search is one index
 * lookup instead of a scan of every lead's JSON. Deleting a lead deletes its rows (foreign key).
 */
export async function up(db: Kysely<any>, dialect: StorageDialect): Promise<void> {
  await db.schema
    .createTable('lead_contacts')
    .addColumn('lead_id', 'integer', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('lead_contacts_value')
    .on('lead_contacts')
    .columns(['value', 'lead_id'])
    .execute()
  await db.schema.createIndex('lead_contacts_lead').on('lead_contacts').columns(['lead_id']).execute()
  await db.schema.createIndex('leads_reference').on('leads').columns(['reference']).execute()
  await db.schema.createIndex('sales_contract').on('sales').columns(['contract_id', 'lead_id']).execute()

  await dialect.createLeadContacts(db)
  const insert = (lead: string, from = '') => {
    const c = dialect.leadContacts(`${lead}.fields_json`)
    return `insert into lead_contacts (lead_id, value) select ${lead}.id, ${c.value} from ${from}${c.from} where ${c.where}`
  }
  // Leads stored before this migration, once.
  await sql.raw(insert('l', 'leads l, ')).execute(db)
  await dialect.createRowTrigger(db, {
    name: 'lead_contacts_insert',
    table: 'leads',
    event: 'insert',
    when: 'true',
    body: [insert('NEW')],
  })
  await dialect.createRowTrigger(db, {
    name: 'lead_contacts_update',
    table: 'leads',
    event: 'update',
    when: 'OLD.fields_json <> NEW.fields_json',
    body: ['delete from lead_contacts where lead_id = OLD.id', insert('NEW')],
  })
}
