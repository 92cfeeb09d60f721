import type { FastifyInstance } from 'fastify'
import { applyConfigFile } from './app/apply-config-file.js'
import { ensureAdminKey } from './app/ensure-admin-key.js'
import { openServices } from './app/open-services.js'
import type { Services } from './app/services.js'
import type { Config } from './config.js'
import { cliContext } from './core/accounts/caller.js'
import { buildApp } from './http/build-app.js'

/** Opens the services, seeds, builds the app, listens, starts workers; stops all on SIGTERM/SIGINT. */
export async function serve(config: Config): Promise<FastifyInstance> {
  const services = await openServices(config)
  if (config.demo) {
    await services.admin.seedDemo()
    services.log.info('demo world ready: admin key "demo-admin-key" (see README, 5-minute tour)')
  } else {
    await services.admin.retireDemo()
    await ensureAdminKey(services, (key) =>
      process.stdout.write(`\nleadflow admin API key (shown once, store it now): ${key}\n\n`),
    )
  }
  await applyConfigFileAtStart(services)
  const app = await buildApp(config, services)
  await app.listen({ port: config.port, host: config.host })
  if (config.workers > 0) await services.worker.start()
  installShutdown(app, services)
  return app
}

async function applyConfigFileAtStart(services: Services) {
  const { existsSync } = await import('node:fs')
  const file = services.config.configFile
  if (!existsSync(file)) return
  const summary = await applyConfigFile(services, file, cliContext('LEADFLOW_CONFIG at start'))
  services.log.info({ file, summary }, 'applied configuration file')
}

/** Graceful shutdown: stop accepting, finish in-flight requests and jobs, close the database. */
function installShutdown(app: FastifyInstance, services: Services) {
  let closing = false
  const stop = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 15_000)
    force.unref()
    try {
      await app.close()
      await services.close()
      process.exit(0)
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.once('SIGTERM', () => void stop('SIGTERM'))
  process.once('SIGINT', () => void stop('SIGINT'))
}
