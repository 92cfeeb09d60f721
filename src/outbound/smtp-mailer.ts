import { createRequire } from 'node:module'
import type nodemailer from 'nodemailer'
import type { Mailer } from '../core/accounts/mailer.js'

/**
 * The Mailer port over SMTP (nodemailer), for invitations, password resets, alerts and email
 * delivery of leads. One transport,
 * pooled connections off; an error rejects, so the API answers the failure rather than claiming
 * an email went out. nodemailer is required here, when a mailer is made, rather than imported:
 * a node without LEADFLOW_SMTP_URL never loads it (2.8 MB of heap, ~10 MB resident).
 */
export function createSmtpMailer(url: string, from: string): Mailer & { close(): void } {
  const mailer = createRequire(import.meta.url)('nodemailer') as typeof nodemailer
  const transport = mailer.createTransport(url)
  return {
    async send({ to, subject, text }) {
      const info = await transport.sendMail({ from, to, subject, text })
      if (info.rejected.length > 0)
        throw new Error(`recipients refused: ${info.rejected.map(String).join(', ')} (${info.response})`)
      return { response: info.response }
    },
    close: () => transport.close(),
  }
}
