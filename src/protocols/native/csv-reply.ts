import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import type { FastifyReply, FastifyRequest } from 'fastify'

/** True when the caller asked for CSV: `?format=csv` or an `Accept` header naming text/csv. */
export function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as { format?: string } | undefined)?.format
  if (format) return format === 'csv'
  return /\btext\/csv\b/.test(request.headers.accept ?? '')
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at its start) is prefixed with a
 * single quote, as OWASP's "CSV Injection" page advises; numbers stay numbers.
 */
export function safeCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/**
 * Streams `batches` as CSV with a header row: csv-stringify pulls batch after batch, so at most one
 * batch of rows is in memory whatever the export's size, and a slow client slows the reads.
 */
export function sendCsv(
  reply: FastifyReply,
  filename: string,
  columns: readonly string[],
  batches: AsyncIterable<ReadonlyArray<object>> | Iterable<ReadonlyArray<object>>,
) {
  async function* records() {
    yield columns as string[]
    for await (const batch of batches)
      for (const row of batch) yield columns.map((c) => safeCell((row as Record<string, unknown>)[c]))
  }
  const body = Readable.from(records()).pipe(stringify({ cast: { number: String } }))
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body)
}

/** Streams `batches` as one JSON array (`{ items: [...] }`), batch by batch. */
export function sendJsonStream(reply: FastifyReply, batches: AsyncIterable<readonly unknown[]>) {
  async function* chunks() {
    yield '{"items":['
    let first = true
    for await (const batch of batches) {
      for (const row of batch) {
        yield `${first ? '' : ','}${JSON.stringify(row)}`
        first = false
      }
    }
    yield ']}'
  }
  return reply.type('application/json; charset=utf-8').send(Readable.from(chunks()))
}
