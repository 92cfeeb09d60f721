import { openServices } from '../app/open-services.js'
import type { Services } from '../app/services.js'
import { loadConfig } from '../config.js'

/** Runs a CLI command over the same services as the server, without the HTTP app, then closes them. */
export async function withServices(fn: (services: Services) => Promise<void>): Promise<void> {
  const services = await openServices(loadConfig(process.env, { logLevel: 'warn' }))
  try {
    await fn(services)
  } finally {
    await services.close()
  }
}
