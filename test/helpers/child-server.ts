import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root, so children start the same way from any working directory. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A free loopback port: bind port 0, read it, release it. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface Child {
  readonly process: ChildProcess
  readonly pid: number
  /** Everything the child wrote to stdout and stderr so far (for failure messages). */
  output(): string
  /** Resolves with the exit code or signal once the child has exited. */
  exited: Promise<string>
  /** Kills the child's whole process group (it runs detached in its own group). */
  kill(signal?: NodeJS.Signals): void
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<string>
}

/**
 * Spawns `node --import tsx <script> ...args` as its own process group, so the pid is the server
 * itself (not a tsx wrapper) and kill() reaches anything it started.
 */
export function spawnTsx(script: string, args: string[], env: Record<string, string> = {}): Child {
  return spawnNode(['--import', 'tsx', script, ...args], env)
}

/** Spawns `node <args>` in the repository root as its own process group (see spawnTsx). */
export function spawnNode(args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? String(code)))
  })
  const kill = (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
    try {
      process.kill(-child.pid, signal)
    } catch {
      // already gone
    }
  }
  return {
    process: child,
    pid: child.pid ?? -1,
    output: () => output,
    exited,
    kill,
    async stop(graceMs = 5000) {
      kill('SIGTERM')
      const timer = setTimeout(() => kill('SIGKILL'), graceMs)
      try {
        return await exited
      } finally {
        clearTimeout(timer)
      }
    },
  }
}

/** Polls `url` until it answers 2xx, the child exits, or `timeoutMs` passes. */
export async function waitForHttp(url: string, child: Child | undefined, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let dead = false
  void child?.exited.then(() => {
    dead = true
  })
  while (Date.now() < deadline && !dead) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
      await response.arrayBuffer()
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not become ready${child ? `; child output:\n${child.output()}` : ''}`)
}

/**
 * How `npm start` and `bin/leadflow.js` run the server (bin/server-runtime.json; docs/operations.md,
 * Memory): node's options before the entry point, and the malloc setting glibc reads at start.
 */
export const SERVER_RUNTIME = JSON.parse(
  readFileSync(join(REPO_ROOT, 'bin/server-runtime.json'), 'utf8'),
) as {
  nodeArgs: string[]
  env: Record<string, string>
}

export interface LeadflowChild extends Child {
  readonly port: number
  readonly url: string
}

export interface LeadflowOptions {
  dataDir: string
  port?: number
  env?: Record<string, string>
  readyTimeoutMs?: number
  /** Run the compiled `dist/main.js` (after `npm run build`) instead of the sources through tsx. */
  built?: boolean
  /** Extra node options before the entry point (the bench's `--cpu-prof <dir>`). */
  nodeArgs?: string[]
}

/**
 * Starts `leadflow serve --demo` on SQLite in `dataDir` (production-like: NODE_ENV=production,
 * LOG_LEVEL=warn, outbound calls allowed to loopback only) and waits for /readyz.
 */
export async function startLeadflow(options: LeadflowOptions): Promise<LeadflowChild> {
  const port = options.port ?? (await freePort())
  const entry = options.built ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts']
  const child = spawnNode(
    [...SERVER_RUNTIME.nodeArgs, ...(options.nodeArgs ?? []), ...entry, 'serve', '--demo'],
    {
      ...SERVER_RUNTIME.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LEADFLOW_DATA_DIR: options.dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      LEADFLOW_DEMO: 'true',
      LEADFLOW_OUTBOUND_ALLOW: '127.0.0.1,localhost',
      LEADFLOW_CONFIG: join(options.dataDir, 'leadflow.yaml'),
      // Load runs come from one address under one vid: the limits' cost is measured, never tripped.
      LEADFLOW_RATE_LIMIT_IP: '10000000',
      LEADFLOW_RATE_LIMIT_CREDENTIAL: '10000000',
      // PostgreSQL nodes must share a sealing key; SQLite generates one into dataDir.
      ...(options.env?.DATABASE_URL ? { LEADFLOW_SECRET_KEY: Buffer.alloc(32, 5).toString('base64') } : {}),
      ...options.env,
    },
  )
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHttp(`${url}/readyz`, child, options.readyTimeoutMs ?? 60_000)
  } catch (error) {
    await child.stop(1000)
    throw error
  }
  return Object.assign(child, { port, url })
}

/** Resident set size now and its peak (VmRSS, VmHWM) in bytes, from /proc; zeros elsewhere. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
    return { rss: kb('VmRSS'), peak: kb('VmHWM') }
  } catch {
    return { rss: 0, peak: 0 }
  }
}
