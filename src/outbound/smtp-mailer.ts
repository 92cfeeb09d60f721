import nodemailer from 'nodemailer'
import type { Mailer } from '../core/accounts/mailer.js'

/**
 * The Mailer port over SMTP (nodemailer), for invitations and password resets. One transport,
 * pooled connections off; an error rejects, so the API answers the failure rather than claiming
 * an email went out.
 */
export function createSmtpMailer(url: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(url)
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from, to, subject, text })
    },
    close: () => transport.close(),
  }
}
