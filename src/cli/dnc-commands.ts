import { createReadStream } from 'node:fs'
import type { Command } from 'commander'
import { cliContext } from '../core/accounts/caller.js'
import { linesOf } from '../core/suppression/line-reader.js'
import { withServices } from './with-services.js'

/**
 * `leadflow dnc import <list-id> <file>` (docs/compliance.md, "National DNC registry"): streams an
 * FTC registry download into a phone suppression list through the same use-case as the API.
 */
export function dncCommands(program: Command): void {
  const dnc = program.command('dnc').description('Do-not-call registry files (docs/compliance.md).')
  dnc
    .command('import')
    .argument('<list-id>', 'a phone suppression list (POST /api/v1/suppression-lists)')
    .argument('<file>', 'the registry file: one 10-digit number a line ("-" reads stdin)')
    .description('Import a National DNC Registry file into a suppression list; re-importing adds nothing.')
    .action(async (listId: string, file: string) => {
      await withServices(async (s) => {
        const input = file === '-' ? process.stdin : createReadStream(file)
        const lines = linesOf(input)
        const summary = await s.lifecycle.registryImport.importLines(
          Number(listId),
          lines,
          cliContext('dnc import'),
        )
        console.log(
          `${summary.numbers} numbers read (${summary.invalid} lines skipped): ${summary.added} added, ${summary.already_listed} already listed`,
        )
      })
    })
}
