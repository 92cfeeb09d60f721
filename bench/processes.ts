import { type Child, spawnTsx } from '../test/helpers/child-server.js'

/** Every process the bench started, so one finally-block (and Ctrl-C) can stop them all. */
const started = new Set<Child>()

export interface Listener {
  child: Child
  port: number
  url: string
}

/** Starts a tsx script that prints `{"listening":<port>}` on stdout, and waits for that line. */
export async function startListener(script: string, args: string[], timeoutMs = 30_000): Promise<Listener> {
  const child = track(spawnTsx(script, args))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start:\n${child.output()}`)),
      timeoutMs,
    )
    let buffer = ''
    child.process.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const match = /\{"listening":(\d+)\}/.exec(buffer)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    void child.exited.then((how) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited (${how}):\n${child.output()}`))
    })
  })
  return { child, port, url: `http://127.0.0.1:${port}` }
}

export interface BuyerOptions {
  mode: 'accept' | 'reject' | 'bid' | 'error' | 'garbage' | 'reset'
  latencyMs?: number
  latencyMaxMs?: number
  bidCents?: number
  rejectStatus?: number
  log?: string
}

/** Starts bench/buyer-server.ts as its own process. */
export function startBuyer(options: BuyerOptions): Promise<Listener> {
  const args = ['--mode', options.mode, '--latency', String(options.latencyMs ?? 0)]
  if (options.latencyMaxMs !== undefined) args.push('--latency-max', String(options.latencyMaxMs))
  if (options.bidCents !== undefined) args.push('--bid', String(options.bidCents))
  if (options.rejectStatus !== undefined) args.push('--reject-status', String(options.rejectStatus))
  if (options.log) args.push('--log', options.log)
  return startListener('bench/buyer-server.ts', args)
}

export function track<T extends Child>(child: T): T {
  started.add(child)
  void child.exited.then(() => started.delete(child))
  return child
}

/** Stops every process still running (SIGTERM, then SIGKILL after a second). */
export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((child) => child.stop(1000)))
}

/** Last resort on Ctrl-C or a crash of the bench itself: kill every group right away. */
export function killAllNow(): void {
  for (const child of started) child.kill('SIGKILL')
}
