import type { FastifyRequest } from 'fastify'

/**
 * PostgreSQL text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00") and SQLite
 * can, so a NUL that reached storage answered 500 on one database and was stored on the other
 * (docs/reliability.md, "Hostile input"). No lead field, credential or reference means anything
 * by a NUL, so every protocol strips it from incoming strings as it decodes them: the same input
 * then behaves the same on both databases.
 */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text
}

/**
 * Strips NUL from every string value inside a freshly decoded body (a tree, not a graph), in
 * place, and returns it. Iterative, because a JSON body may nest thousands of levels. Keys are
 * left alone: a cleaned key could name `__proto__`, and keys reach storage only inside JSON,
 * which escapes NUL.
 */
export function stripNul<T>(value: T): T {
  if (typeof value === 'string') return withoutNul(value) as T
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const node = pending.pop()
    if (node === null || typeof node !== 'object') continue
    const record = node as Record<string, unknown>
    for (const key of Object.keys(record)) {
      const child = record[key]
      if (typeof child === 'string') {
        if (child.includes('\u0000')) record[key] = withoutNul(child)
      } else if (child !== null && typeof child === 'object') pending.push(child)
    }
  }
  return value
}

/**
 * A preValidation hook for the JSON APIs (native, dialler admin): NUL stripped from the parsed
 * body, the query and the path parameters before the schema sees them.
 */
export async function stripNulFromRequest(request: FastifyRequest): Promise<void> {
  request.body = stripNul(request.body)
  stripNul(request.query)
  stripNul(request.params)
}
