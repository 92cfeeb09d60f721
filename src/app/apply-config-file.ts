import { readFile } from 'node:fs/promises'
import { type AuditContext, cliContext } from '../core/accounts/caller.js'
import { parseConfigFile } from '../core/config/config-file.js'
import { LeadflowError } from '../core/errors.js'
import type { ApplySummary } from '../storage/config/apply-config.js'
import type { AdminServices } from './admin-services.js'

/**
 * `leadflow apply FILE`, and the start-up apply of LEADFLOW_CONFIG (server.ts): reads the file,
 * validates all of it, then applies it in one transaction. Errors are LF_CONFIG_FILE whose
 * message lists `file:line path: problem`, one per line.
 */
export async function applyConfigFile(
  services: { admin: Pick<AdminServices, 'configFile'> },
  file: string,
  audit: AuditContext = cliContext('leadflow apply'),
): Promise<ApplySummary> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new LeadflowError('LF_CONFIG_FILE', `${file}: cannot read (${(error as Error).message})`, null, {
      cause: error,
    })
  }
  return services.admin.configFile.apply(parseConfigFile(text, file), audit)
}
