import type { Readable } from 'node:stream'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import { auditContextOf } from '../../core/accounts/caller.js'
import { LeadflowError } from '../../core/errors.js'
import { linesOf } from '../../core/suppression/line-reader.js'
import type { RegistryImport } from '../../core/suppression/registry-import.js'
import { needs } from '../../http/route-permission.js'
import { adminSchema, idParams } from './common-schemas.js'

export interface RegistryImportRoutesOptions {
  registryImport: RegistryImport
}

const IMPORT = adminSchema(
  'suppression',
  'Stream a National DNC Registry file (one 10-digit number a line) into a phone suppression list',
  {
    params: idParams('id'),
    response: {
      200: {
        type: 'object',
        additionalProperties: false,
        properties: {
          lines: { type: 'integer' },
          numbers: { type: 'integer' },
          added: { type: 'integer' },
          already_listed: { type: 'integer' },
          invalid: { type: 'integer' },
        },
      },
    },
  },
)

/**
 * The registry upload (docs/compliance.md, "National DNC registry"). Its own plugin: the body is
 * handed over as a stream, not buffered, so a file of millions of lines is read line by line and
 * written in batches; the app's body limit does not apply to it (only this route reads one).
 */
export async function registryImportRoutes(
  app: FastifyInstance,
  { registryImport }: RegistryImportRoutesOptions,
): Promise<void> {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    ['text/plain', 'text/csv', 'application/octet-stream'],
    (_request, payload, done) => done(null, payload),
  )
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  r.post(
    '/suppression-lists/:id/registry-import',
    { config: needs('suppression:write'), schema: IMPORT },
    (request) => {
      const body = request.body as Readable | undefined
      if (!body || typeof (body as Readable).pipe !== 'function')
        throw new LeadflowError('LF_VALIDATION', 'Send the registry file as text/plain, one number a line')
      const lines = linesOf(body)
      return registryImport.importLines(
        request.params.id,
        lines,
        auditContextOf(request.caller ?? undefined, request.ip),
      )
    },
  )
}
