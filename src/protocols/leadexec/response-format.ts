/** The `[response_type]` URL segment (seed 003): json or xml. */
export type ResponseFormat = 'json' | 'xml'

/**
 * The segment is read without regard to case. The document's code examples post to
 * /processor/insert/general with no segment; those get XML, LeadExec's original answer format
 * (docs/compat.md).
 */
export function responseFormat(segment: string | undefined): ResponseFormat | undefined {
  if (segment === undefined) return 'xml'
  const lower = segment.toLowerCase()
  return lower === 'json' || lower === 'xml' ? lower : undefined
}

export function contentTypeOf(format: ResponseFormat): string {
  return format === 'json' ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8'
}
