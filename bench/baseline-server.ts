import Fastify from 'fastify'

/**
 * The benchmark's yardstick (DESIGN.md, Performance is a feature): a bare Fastify server in its
 * own process that parses the same JSON body as leadflow and answers a constant. Every scenario
 * is reported as a ratio to this, measured in the same run under the same load.
 *
 *   tsx bench/baseline-server.ts [port]     prints {"listening":<port>} once bound
 */
const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 })
const constant = {
  PostID: '00000000-0000-4000-8000-000000000000',
  isValidPost: true,
  ResponseType: 'No_Error',
  ResponseDetails: 'Lead was accepted',
  LeadIdentifier: 1,
}
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
  done(null, body),
)
app.all('/*', async () => constant)

const port = Number(process.argv[2] ?? 0)
const address = await app.listen({ port, host: '127.0.0.1' })
process.stdout.write(`${JSON.stringify({ listening: Number(new URL(address).port) })}\n`)
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)))
}
