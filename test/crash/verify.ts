import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import type { Answered } from './post-load.js'

const ADMIN = { authorization: 'Bearer demo-admin-key' }

/** Every string inside a JSON value, at any depth. */
export function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (typeof value === 'number') out.push(String(value))
  else if (Array.isArray(value)) for (const v of value) strings(v, out)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out)
  return out
}

const digits = (s: string) => s.replace(/\D/g, '')

/**
 * The fields of `expected` missing from a stored lead (any JSON shape). A value counts as kept
 * when it appears verbatim or, for Phone, when a stored value ends with the same ten digits
 * (normalization to E.164 is allowed, loss is not).
 */
export function missingFields(stored: unknown, expected: Record<string, string>): string[] {
  const all = strings(stored)
  const set = new Set(all.map((s) => s.toLowerCase()))
  return Object.entries(expected)
    .filter(([name, value]) =>
      name === 'Phone' ? !all.some((s) => digits(s).endsWith(digits(value))) : !set.has(value.toLowerCase()),
    )
    .map(([name]) => name)
}

export interface StatusAnswer {
  status: number
  body: any
}

/** GET the lead's status URL (seed 003, Status URL): /information/status/ or /queuestatus/. */
export async function leadStatus(baseUrl: string, post: Answered): Promise<StatusAnswer> {
  const path = post.kind === 'sync' ? 'status' : 'queuestatus'
  const response = await fetch(`${baseUrl}/information/${path}/${post.postId}`, {
    signal: AbortSignal.timeout(10_000),
  })
  const text = await response.text()
  return { status: response.status, body: parse(text) }
}

/** GET /api/v1/leads/:id with the admin key; undefined when that route does not exist yet. */
export async function adminLead(baseUrl: string, leadId: number): Promise<StatusAnswer | undefined> {
  const response = await fetch(`${baseUrl}/api/v1/leads/${leadId}`, {
    headers: ADMIN,
    signal: AbortSignal.timeout(10_000),
  })
  const body = parse(await response.text())
  if (response.status === 404 && /No route/.test(body?.error?.message ?? '')) return undefined
  return { status: response.status, body }
}

function parse(text: string): any {
  try {
    return JSON.parse(text)
  } catch {
    return { text }
  }
}

export interface StoredRow {
  id: number
  post_id: string
  status: string
  fields_json: string
  raw_json: string
  processed_at: string | null
  /** Intake decisions recorded for this lead: a post processed twice would have two. */
  accepted_events: number
}

const STORED_ROWS = `select id, post_id, status, fields_json, raw_json, processed_at,
    (select count(*) from events e where e.lead_id = l.id and e.kind = 'intake' and e.outcome = 'accepted')
      as accepted_events
  from leads l`

/** Where a stopped server kept its leads: its data directory (SQLite) or a PostgreSQL URL. */
export type StoredAt = { dataDir: string } | { databaseUrl: string }

/** The leads rows of the stopped server's database, by PostID (lower case). */
export async function storedRows(at: StoredAt): Promise<Map<string, StoredRow[]>> {
  const rows = 'dataDir' in at ? sqliteRows(at.dataDir) : await postgresRows(at.databaseUrl)
  const map = new Map<string, StoredRow[]>()
  for (const row of rows) {
    const key = row.post_id.toLowerCase()
    map.set(key, [...(map.get(key) ?? []), row])
  }
  return map
}

function sqliteRows(dataDir: string): StoredRow[] {
  const db = new Database(join(dataDir, 'leadflow.db'), { readonly: true })
  try {
    return db.prepare(STORED_ROWS).all() as StoredRow[]
  } finally {
    db.close()
  }
}

async function postgresRows(url: string): Promise<StoredRow[]> {
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    const { rows } = await db.query(STORED_ROWS)
    return rows.map((r) => ({ ...r, accepted_events: Number(r.accepted_events) }))
  } finally {
    await db.end()
  }
}

/**
 * Leads a buyer received more than once under different (or absent) idempotency keys, from the
 * buyer's request log (bench/buyer-server.ts --log). A lead is known by its unique bench email.
 */
export function deliveredTwice(logFile: string): string[] {
  if (!existsSync(logFile)) return []
  const keys = new Map<string, string[]>()
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line) continue
    const entry = JSON.parse(line) as { key: string | string[]; body: string; path: string }
    if (/ping/i.test(entry.path)) continue
    const lead = /bench\.[0-9a-f]+\.(\d+)(?:@|%40)/i.exec(entry.body)?.[1]
    if (!lead) continue
    keys.set(lead, [...(keys.get(lead) ?? []), String(entry.key ?? '')])
  }
  return [...keys.entries()]
    .filter(([, list]) => list.length > 1 && (list.some((k) => k === '') || new Set(list).size > 1))
    .map(([lead, list]) => `lead ${lead}: ${list.length} deliveries, keys ${JSON.stringify(list)}`)
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function mapLimit<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const run = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await work(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, run))
  return out
}
