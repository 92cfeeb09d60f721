/** Thrown when more callers wait for a semaphore than it queues. */
export class SemaphoreFullError extends Error {
  override name = 'SemaphoreFullError'
}

export interface Semaphore {
  /** Runs `task` once one of `permits` is free; refuses at once when `maxWaiting` already wait. */
  run<T>(task: () => Promise<T>): Promise<T>
}

/** A counting semaphore with a bounded wait queue (first come, first served). */
export function createSemaphore(permits: number, maxWaiting: number): Semaphore {
  let free = permits
  const waiting: Array<() => void> = []
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else free++
  }
  const acquire = (): Promise<void> => {
    if (free > 0) {
      free--
      return Promise.resolve()
    }
    if (waiting.length >= maxWaiting) return Promise.reject(new SemaphoreFullError('too many waiting'))
    return new Promise((resolve) => waiting.push(resolve))
  }
  return {
    async run(task) {
      await acquire()
      try {
        return await task()
      } finally {
        release()
      }
    },
  }
}
