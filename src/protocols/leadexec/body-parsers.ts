import type { FastifyInstance } from 'fastify'

/** A request body kept as text until the route decodes it, so every decode error is answered in the protocol's shape. */
export interface RawBody {
  encoding: 'form' | 'xml' | 'json'
  text: string
}

/**
 * The encodings LeadExec posts arrive in (seed 003). The document writes the form type as
 * "x-www-form-urlencoded" without "application/", so both spellings are read. Bodies stay text
 * here; decode-*.ts turn them into requests. The body limit is the app's (LEADFLOW_BODY_LIMIT).
 */
export function registerBodyParsers(app: FastifyInstance): void {
  // Fastify refuses a media type without "type/" before any parser sees it, so the document's
  // spelling is completed first.
  app.addHook('onRequest', async (request) => {
    const type = request.headers['content-type']
    if (type && /^\s*x-www-form-urlencoded/i.test(type))
      request.headers['content-type'] = `application/${type.trim()}`
  })
  app.removeAllContentTypeParsers()
  const keep =
    (encoding: RawBody['encoding']) =>
    (_req: unknown, body: string | Buffer, done: (err: Error | null, body?: RawBody) => void) =>
      done(null, { encoding, text: body.toString() } satisfies RawBody)
  app.addContentTypeParser(/^application\/x-www-form-urlencoded\b/i, { parseAs: 'string' }, keep('form'))
  app.addContentTypeParser(/^(application|text)\/([\w.+-]+\+)?xml\b/i, { parseAs: 'string' }, keep('xml'))
  app.addContentTypeParser(/^(application|text)\/([\w.+-]+\+)?json\b/i, { parseAs: 'string' }, keep('json'))
}
