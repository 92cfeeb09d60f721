#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx leadflow …` works without a build step, with the
// node options and malloc setting of bin/server-runtime.json (docs/operations.md, Memory).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const runtime = JSON.parse(readFileSync(join(root, 'bin/server-runtime.json'), 'utf8'))
const args = [...runtime.nodeArgs, '--import', 'tsx', join(root, 'src/main.ts'), ...process.argv.slice(2)]
const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...runtime.env, ...process.env } })
process.exit(r.status ?? 1)
