import { Command } from 'commander'
import { dncCommands } from './cli/dnc-commands.js'
import { userCommands } from './cli/user-commands.js'
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
    const { migrateDatabase } = await import('./app/open-services.js')
    const applied = await migrateDatabase(loadConfig(process.env, { logLevel: 'warn' }))
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date')
  })

program
  .command('apply')
  .argument('<file>', 'a leadflow.yaml declaring sources, lead types, buyers and contracts')
  .description('Create or update the configuration declared in FILE (idempotent).')
  .action(async (file: string) => {
    const { withServices } = await import('./cli/with-services.js')
    const { applyConfigFile } = await import('./app/apply-config-file.js')
    await withServices(async (services) => {
      const summary = await applyConfigFile(services, file)
      console.log(JSON.stringify(summary, null, 2))
    })
  })

program
  .command('demo')
  .description('Create the demo world (source vid 1, lead type lid 1, sandbox buyers, demo keys).')
  .action(async () => {
    const { withServices } = await import('./cli/with-services.js')
    await withServices(async (services) => {
      await services.admin.seedDemo()
      console.log('demo world ready: admin key demo-admin-key')
    })
  })

userCommands(program, process.env)
dncCommands(program)

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`leadflow: configuration error: ${error.message}`)
  } else {
    console.error(`leadflow: ${(error as Error).message}`)
    if ((error as Error).cause) console.error((error as Error).cause)
  }
  process.exit(1)
})
