import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export interface Answer {
  status?: number
  body?: string | Record<string, unknown>
  headers?: Record<string, string>
  delayMs?: number
  /** Drop the connection without answering (connection reset). */
  reset?: boolean
  /**
   * Never answer (the connection stays open until close()): a bidder that misses any deadline on
   * any machine, where a slow one only misses it when the machine is not loaded itself.
   */
  never?: boolean
}

export interface BuyerServer {
  url: string
  received: Received[]
  close(): Promise<void>
}

/** A real HTTP buyer on 127.0.0.1:0 answering each request with `answer(request)`. */
export async function startBuyer(answer: (r: Received) => Answer | Promise<Answer>): Promise<BuyerServer> {
  const received: Received[] = []
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const r: Received = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    }
    received.push(r)
    const a = await answer(r)
    if (a.never) return
    if (a.delayMs) await new Promise((resolve) => setTimeout(resolve, a.delayMs))
    if (a.reset) {
      req.socket.destroy()
      return
    }
    const body = typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? {})
    res.writeHead(a.status ?? 200, {
      'content-type': typeof a.body === 'string' ? 'text/plain' : 'application/json',
      ...a.headers,
    })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
