import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  path: string
  contentType: string
  body: string
}

/** A real HTTP receiver on 127.0.0.1:0 that records what it gets and answers `statuses` in turn (then 200). */
export async function startCallbackServer(statuses: number[] = []) {
  const received: Received[] = []
  const queue = [...statuses]
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    received.push({
      path: req.url ?? '',
      contentType: String(req.headers['content-type'] ?? ''),
      body: Buffer.concat(chunks).toString(),
    })
    res.statusCode = queue.shift() ?? 200
    res.end('ok')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
