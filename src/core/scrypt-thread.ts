import { Worker } from 'node:worker_threads'

/**
 * scrypt on leadflow's own threads instead of libuv's thread pool.
 *
 * Why: scrypt's defaults (N = 2^14, r = 8) allocate 16 MB per call. glibc serves that from the
 * calling thread's malloc arena and keeps it when it is freed (the first free raises the mmap
 * threshold above 16 MB), so every libuv pool thread that ever ran one held 16 MB for the life of
 * the process: 4 threads, 64 MB of an idle server's 224 MB resident (`/proc/<pid>/smaps` of
 * `leadflow serve --demo`; docs/performance.md, round 4). One worker thread running
 * `scryptSync` holds one arena's 16 MB and its own small heap (~9 MB), and never takes a libuv
 * thread from file or DNS work (issue 12's reason to bound concurrent checks).
 *
 * Threads are started on demand, one more only when every running one is busy, up to `maxThreads`
 * (a password flood is also bounded by intake's semaphore, src/core/secrets.ts), and end after
 * `idleMs` without a call: a check is memoised, so a thread mostly idles after a source's first
 * post, and an idle one held 9 MB of resident memory for nothing (its V8 heap; a node that starts
 * the demo world ran one from the seed on). A thread that dies fails its call and is replaced by
 * the next one; threads never keep the process alive.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads')
const { scryptSync } = require('node:crypto')
parentPort.on('message', ({ id, password, salt, length }) => {
  try {
    const key = scryptSync(password, Buffer.from(salt), length)
    parentPort.postMessage({ id, key })
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) })
  }
})
`

interface Call {
  id: number
  password: string
  salt: Buffer
  length: number
  resolve: (key: Buffer) => void
  reject: (error: Error) => void
}

interface Thread {
  worker: Worker
  current: Call | undefined
  idle: NodeJS.Timeout | undefined
}

export function createScryptThreads(maxThreads: number, idleMs = 5_000) {
  const threads: Thread[] = []
  const waiting: Call[] = []
  let nextId = 0

  const start = (): Thread => {
    const worker = new Worker(SOURCE, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    })
    const thread: Thread = { worker, current: undefined, idle: undefined }
    worker.on('message', (answer: { id: number; key?: Uint8Array; error?: string }) => {
      const call = thread.current
      thread.current = undefined
      worker.unref()
      if (call && call.id === answer.id) {
        if (answer.key) call.resolve(Buffer.from(answer.key))
        else call.reject(new Error(`scrypt failed: ${answer.error}`))
      }
      dispatch()
      if (thread.current === undefined) endWhenIdle(thread)
    })
    const fail = (error: Error) => {
      clearTimeout(thread.idle)
      if (!threads.includes(thread)) return
      threads.splice(threads.indexOf(thread), 1)
      thread.current?.reject(new Error('scrypt thread stopped', { cause: error }))
      thread.current = undefined
      dispatch()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`exit ${code}`)))
    // Held (ref) only while a call runs: an idle thread never keeps the process alive, and a
    // pending call does. After the listeners, since adding a 'message' listener refs it again.
    worker.unref()
    threads.push(thread)
    return thread
  }

  /** Ends `thread` after `idleMs` without a call (taken out of the list first, so none is sent to it). */
  const endWhenIdle = (thread: Thread) => {
    thread.idle = setTimeout(() => {
      threads.splice(threads.indexOf(thread), 1)
      void thread.worker.terminate()
    }, idleMs)
    thread.idle.unref()
  }

  const dispatch = () => {
    while (waiting.length > 0) {
      const idle =
        threads.find((t) => t.current === undefined) ?? (threads.length < maxThreads ? start() : undefined)
      if (!idle) return
      const call = waiting.shift() as Call
      clearTimeout(idle.idle)
      idle.current = call
      idle.worker.ref()
      idle.worker.postMessage({ id: call.id, password: call.password, salt: call.salt, length: call.length })
    }
  }

  return (password: string, salt: Buffer, length: number): Promise<Buffer> =>
    new Promise<Buffer>((resolve, reject) => {
      waiting.push({ id: nextId++, password, salt, length, resolve, reject })
      dispatch()
    })
}
