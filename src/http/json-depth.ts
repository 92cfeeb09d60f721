import type { FastifyInstance } from 'fastify'
import { LeadflowError } from '../core/errors.js'

/** No lead, feedback or admin body needs more; deeper bodies are hostile (a JSON bomb of brackets). */
export const MAX_JSON_DEPTH = 64

/**
 * Refuses JSON nested deeper than MAX_JSON_DEPTH before it is parsed. JSON.parse handles deep
 * nesting, but everything after it that walks the value recursively (JSON.stringify when a body
 * is stored, schema validation) runs out of stack and would answer 500. One linear scan, no
 * recursion; brackets inside strings do not count.
 */
export function assertJsonDepth(text: string, max = MAX_JSON_DEPTH): void {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) {
        throw new LeadflowError('LF_BAD_REQUEST', `JSON is nested deeper than ${max} levels`)
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--
  }
}

type JsonParser = ReturnType<FastifyInstance['getDefaultJsonParser']>

/** Fastify's own JSON parser (prototype-poisoning checks kept), behind the nesting-depth guard. */
export function guardedJsonParser(app: FastifyInstance): JsonParser {
  const parse = app.getDefaultJsonParser('error', 'error')
  return (request, body, done) => {
    try {
      assertJsonDepth(body as string)
    } catch (error) {
      return done(error as Error, undefined)
    }
    parse(request, body, done)
  }
}

/** Makes `app` (an encapsulated plugin) read JSON bodies only: any other content type is 415. */
export function acceptJsonOnly(app: FastifyInstance): void {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, guardedJsonParser(app))
}
