import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface TestSmtp {
  /** smtp://127.0.0.1:<port>, for LEADFLOW_SMTP_URL. */
  url: string
  /** Every message received, raw (headers and body). */
  messages: string[]
  close(): Promise<void>
}

/**
 * A local SMTP server on a free port that keeps every message it receives (no network). While
 * `refusing()` is true it answers every recipient with a 550, as a mailbox that does not exist would.
 */
export async function startSmtp(options: { refusing?: () => boolean } = {}): Promise<TestSmtp> {
  const messages: string[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, done) {
      if (options.refusing?.()) {
        const refused = Object.assign(new Error(`mailbox ${address.address} unavailable`), {
          responseCode: 550,
        })
        return done(refused)
      }
      done()
    },
    onData(stream, _session, done) {
      let text = ''
      stream.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8')
      })
      stream.on('end', () => {
        messages.push(text)
        done()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
