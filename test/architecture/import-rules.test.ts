import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

// Who may import whom (docs/architecture.md, ../shared/STYLE.md "Target layout"). Each rule names
// a folder of src/, the places its files must not import, and why. A place is a path under the
// repository (`src/storage`, `src/config.ts`), a package (`kysely`, also its subpaths) or a whole
// npm scope (`@fastify`). `except` exempts sub-folders; `onlyWithin` forbids every src/ path
// outside the listed ones.

interface ImportRule {
  folder: string
  except?: readonly string[]
  onlyWithin?: readonly string[]
  forbidden: readonly string[]
  why: string
}

const DATABASE_HANDLES = ['kysely', 'pg', 'better-sqlite3'] as const

export const IMPORT_RULES: readonly ImportRule[] = [
  {
    folder: 'src',
    except: ['src/storage', 'src/app'],
    forbidden: DATABASE_HANDLES,
    why: 'only storage and the composition root hold a database handle; everyone else goes through ports',
  },
  {
    folder: 'src/core',
    onlyWithin: ['src/core'],
    forbidden: ['fastify', '@fastify', 'fastify-plugin', 'undici', 'pino'],
    why: 'the domain is plain TypeScript over ports, tested without HTTP, database or logger',
  },
  {
    folder: 'src/protocols',
    forbidden: ['src/storage'],
    why: 'an adapter only translates: decode, call one use-case, encode; persistence is the use-case’s',
  },
  {
    folder: 'src/storage',
    forbidden: ['src/http', 'src/protocols', 'src/app'],
    why: 'storage implements the core’s ports and knows nothing of who calls it',
  },
  {
    folder: 'src/jobs',
    forbidden: ['src/http', 'src/protocols', 'src/storage'],
    why: 'tasks run without a request over ports (the job queue is one); a vendor’s own tasks live with its protocol',
  },
  {
    folder: 'src/cli',
    forbidden: ['src/http', 'src/storage'],
    why: 'commands call the same services as the API (src/app/open-services.ts), never the HTTP app',
  },
  {
    folder: 'src/http',
    forbidden: ['src/storage'],
    why: 'buildApp only mounts plugins over services; src/app builds storage',
  },
]

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

const STATIC =
  /(?:^|[;}\n])\s*(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s+)?['"]([^'"\n]+)['"]/g
const DYNAMIC = /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g
const COMMENTS = /\/\*[\s*][\s\S]*?\*\/|^\s*\/\/.*$/gm

/** Every module specifier a file imports or re-exports, statically or through `import('…')`. */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(COMMENTS, '')
  return [...code.matchAll(STATIC), ...code.matchAll(DYNAMIC)].map((match) => match[1])
}

/** A relative specifier as a repository path (`src/storage/x.ts`); a package as its name. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier
  return relative(ROOT, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts')
}

function within(path: string, place: string): boolean {
  if (place.startsWith('@') && !place.includes('/')) return path.startsWith(`${place}/`)
  return path === place || path.startsWith(`${place}/`)
}

function breaks(rule: ImportRule, imported: string): boolean {
  if (rule.forbidden.some((place) => within(imported, place))) return true
  const outside = rule.onlyWithin && !rule.onlyWithin.some((place) => within(imported, place))
  return Boolean(outside && within(imported, 'src'))
}

function rulesFor(file: string): ImportRule[] {
  return IMPORT_RULES.filter(
    (rule) => within(file, rule.folder) && !rule.except?.some((place) => within(file, place)),
  )
}

/** `file → import (why)` for each import that breaks a rule, in file order. */
export function importViolations(): string[] {
  return sourceFiles(join(ROOT, 'src'))
    .sort()
    .flatMap((path) => {
      const file = relative(ROOT, path)
      const rules = rulesFor(file)
      return importSpecifiers(readFileSync(path, 'utf8')).flatMap((specifier) => {
        const broken = rules.find((rule) => breaks(rule, target(path, specifier)))
        return broken ? [`${file} → ${specifier}  (${broken.folder}: ${broken.why})`] : []
      })
    })
}

test('every src/ import follows the rules of docs/architecture.md, "Who may import whom"', () => {
  const violations = importViolations()
  assert.equal(violations.length, 0, `${violations.length} forbidden imports:\n${violations.join('\n')}`)
})

test('one rule per folder, so a folder’s rule is read in one place', () => {
  const folders = IMPORT_RULES.map((rule) => rule.folder)
  assert.deepEqual(folders, [...new Set(folders)])
})

test('import parsing sees static, type-only, re-exported, side-effect and dynamic imports', () => {
  const source = [
    "import { a, type B } from './a.js'",
    "import type { C } from '../c.js'",
    'import {',
    '  d,',
    '  e,',
    "} from 'kysely'",
    "export { f } from './f.js'",
    "export * from './g.js'",
    "import './h.js'",
    "const i = await import('./i.js')",
    "/** import { z } from 'in-a-comment' */",
    "// import y from 'in-a-line-comment'",
    'const s = \'import x from "not-code"\'',
  ].join('\n')
  assert.deepEqual(importSpecifiers(source), [
    './a.js',
    '../c.js',
    'kysely',
    './f.js',
    './g.js',
    './h.js',
    './i.js',
  ])
})
