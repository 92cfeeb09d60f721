import { Command } from 'commander'
import { ConfigError, loadConfig } from './config.js'

/**
 * The `leadflow` command line. Every command reads the same configuration (environment,
 * docs/configuration.md) and calls the same services as the HTTP API.
 */
const program = new Command()
  .name('leadflow')
  .description(
    'Self-hosted lead distribution: intake, distribution, delivery, returns.\nSettings come from the environment (docs/configuration.md).',
  )

program
  .command('serve')
  .description('Start the HTTP server and job workers (migrates the database first).')
  .option('--demo', 'create the demo world (admin key demo-admin-key) on start')
  .action(async (options: { demo?: boolean }) => {
    const { serve } = await import('./server.js')
    const config = loadConfig(process.env, options.demo ? { demo: true } : {})
    await serve(config)
  })

program
  .command('migrate')
  .description('Apply database migrations and exit.')
  .action(async () => {
    const { withStorage } = await import('./cli/with-storage.js')
    await withStorage(async (lf) => {
      const { migrateToLatest } = await import('./storage/migrate.js')
      const applied = await migrateToLatest(lf.storage)
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date')
    })
  })

program
  .command('apply')
  .argument('<file>', 'a leadflow.yaml declaring sources, lead types, buyers and contracts')
  .description('Create or update the configuration declared in FILE (idempotent).')
  .action(async (file: string) => {
    const { withStorage } = await import('./cli/with-storage.js')
    const { applyConfigFile } = await import('./cli/apply-config-file.js')
    await withStorage(async (lf) => {
      const summary = await applyConfigFile(lf, file)
      console.log(JSON.stringify(summary, null, 2))
    })
  })

program
  .command('demo')
  .description('Create the demo world (source vid 1, lead type lid 1, sandbox buyers, demo keys).')
  .action(async () => {
    const { withStorage } = await import('./cli/with-storage.js')
    const { createDemoWorld } = await import('./demo/create-demo-world.js')
    await withStorage(async (lf) => {
      await createDemoWorld(lf)
      console.log('demo world ready: admin key demo-admin-key')
    })
  })

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`leadflow: configuration error: ${error.message}`)
  } else {
    console.error(`leadflow: ${(error as Error).message}`)
    if ((error as Error).cause) console.error((error as Error).cause)
  }
  process.exit(1)
})
