import { XMLBuilder } from 'fast-xml-parser'

export type ResultFormat = 'xml' | 'json' | 'text'

/** The neutral answer: 000 lists exactly three outcomes, the last two with a reason. */
export interface FeedbackResult {
  outcome: 'success' | 'failure' | 'error'
  reason?: string
}

const MEDIA: Record<string, ResultFormat> = {
  'text/xml': 'xml',
  'application/xml': 'xml',
  'application/json': 'json',
  'text/plain': 'text',
  'text/*': 'text',
}

/**
 * 000: "If you want to receive XML, you must provide the Accept: text/xml header …". Media ranges
 * are taken by quality; without a usable one the answer uses the request body's own format.
 */
export function chooseFormat(accept: string | undefined, fallback: ResultFormat): ResultFormat {
  const ranges = (accept ?? '')
    .split(',')
    .map((part, index) => {
      const [media, ...params] = part.split(';').map((s) => s.trim().toLowerCase())
      const q = params.find((p) => p.startsWith('q='))
      return { media: media ?? '', q: q ? Number(q.slice(2)) || 0 : 1, index }
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const range of ranges) {
    if (range.media === '*/*') return fallback
    const format = MEDIA[range.media]
    if (format) return format
  }
  return fallback
}

const builder = new XMLBuilder({ format: true, indentBy: '  ' })

export const CONTENT_TYPES: Record<ResultFormat, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  text: 'text/plain; charset=utf-8',
}

/**
 * 000's answer shapes. Its XML examples close <outcome> with </type>; leadflow writes the
 * well-formed <outcome>…</outcome> (docs/compat.md).
 */
export function encodeResult(result: FeedbackResult, format: ResultFormat): string {
  const fields = result.reason === undefined ? { outcome: result.outcome } : result
  if (format === 'json') return JSON.stringify(fields)
  if (format === 'text') {
    return Object.entries(fields)
      .map(([k, v]) => `${k}: ${String(v).replace(/[\r\n]+/g, ' ')}`)
      .join('\n')
  }
  return `<?xml version="1.0" encoding="utf-8" ?>\n${builder.build({ result: fields })}`
}
