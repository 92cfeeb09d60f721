import { createServer, type Server } from 'node:http'

export interface Callback {
  postId: string
  leadIdentifier: number | undefined
  body: string
}

export interface CallbackReceiver {
  url: string
  /** Every callback received, repeats included, in arrival order. */
  received: Callback[]
  /** Distinct PostIDs seen so far. */
  postIds(): Set<string>
  close(): Promise<void>
}

const POST_ID = /PostID["']?\s*(?:[:=>]|%3D)\s*["']?([0-9a-fA-F-]{36})/
const LEAD_ID = /LeadIdentifier["']?\s*(?:[:=>]|%3D)\s*["']?(\d+)/

/** PostID and LeadIdentifier of a callback body, whatever its encoding (JSON, XML or form). */
export function readCallback(body: string): Callback | undefined {
  const postId = POST_ID.exec(body)?.[1]
  if (!postId) return undefined
  const lead = LEAD_ID.exec(body)?.[1]
  return { postId: postId.toLowerCase(), leadIdentifier: lead ? Number(lead) : undefined, body }
}

/** A local returnurl target (loopback only) that answers 200 to every POST and remembers it. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: Callback[] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const callback = readCallback(Buffer.concat(chunks).toString('utf8'))
      if (callback) received.push(callback)
      response.writeHead(200, { 'content-type': 'text/plain' }).end('OK')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}/cb`,
    received,
    postIds: () => new Set(received.map((c) => c.postId)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
