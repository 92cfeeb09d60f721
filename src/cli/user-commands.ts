import type { Command } from 'commander'
import { cliContext } from '../core/accounts/caller.js'
import { withServices } from './with-services.js'

interface UserOptions {
  email: string
  role?: string
  name?: string
  buyerId?: string
  sourceId?: string
}

function spec(o: UserOptions) {
  return {
    email: o.email,
    role: o.role,
    ...(o.name ? { name: o.name } : {}),
    ...(o.buyerId ? { buyer_id: Number(o.buyerId) } : {}),
    ...(o.sourceId ? { source_id: Number(o.sourceId) } : {}),
  }
}

/** Reads a password from LEADFLOW_USER_PASSWORD or stdin, so it never lands in shell history. */
async function readPassword(fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

/**
 * `leadflow user add|invite|reset` (docs/accounts.md): the first owner, and invitation or reset
 * links without email. Each calls the accounts services, never the HTTP app.
 */
export function userCommands(program: Command, env: Record<string, string | undefined>): void {
  const user = program.command('user').description('Console users: add, invite, reset (docs/accounts.md).')
  const who = (c: Command) =>
    c
      .requiredOption('--email <email>', 'the user’s email')
      .option('--role <role>', 'owner | admin | operator | analyst | buyer | seller')
      .option('--name <name>', 'display name')
      .option('--buyer-id <id>', 'the buyer a buyer user belongs to')
      .option('--source-id <id>', 'the source a seller user belongs to')

  who(user.command('add'))
    .description('Create a user with a password read from stdin (or LEADFLOW_USER_PASSWORD).')
    .action(async (o: UserOptions) => {
      const password = await readPassword(env.LEADFLOW_USER_PASSWORD)
      await withServices(async (s) => {
        const created = await s.accounts.users.add(spec(o), password, cliContext('user add'))
        console.log(`user ${created.email} (${created.role}) created, id ${created.id}`)
      })
    })

  who(user.command('invite'))
    .description('Create a user without a password and print a one-time link to set one.')
    .action(async (o: UserOptions) => {
      await withServices(async (s) => {
        const link = await s.accounts.users.invite(spec(o), null, cliContext('user invite'))
        console.log(
          `${link.user.email} invited${link.emailed ? ' (emailed)' : ''}; the link works once:\n${link.url}`,
        )
      })
    })

  user
    .command('reset')
    .requiredOption('--email <email>', 'the user’s email')
    .description('Print a one-time link to set a new password.')
    .action(async (o: { email: string }) => {
      await withServices(async (s) => {
        const link = await s.accounts.users.reset({ email: o.email }, cliContext('user reset'))
        console.log(
          `reset link for ${link.user.email}${link.emailed ? ' (emailed)' : ''}; it works once:\n${link.url}`,
        )
      })
    })
}
