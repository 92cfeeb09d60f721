import { memoryOf } from '../test/helpers/child-server.js'

/**
 * Samples a process's resident memory (VmRSS) every 100 ms while `work` runs: `peakMb` is the
 * highest sample; `hwmMb` the kernel's high-water mark (VmHWM) for the process's life so far.
 */
export async function peakRssDuring<T>(
  pid: () => number,
  work: () => Promise<T>,
): Promise<{ value: T; peakMb: number; hwmMb: number }> {
  let peak = 0
  const sample = () => {
    const m = memoryOf(pid())
    peak = Math.max(peak, m.rss)
  }
  const timer = setInterval(sample, 100)
  try {
    const value = await work()
    sample()
    return { value, peakMb: mb(peak), hwmMb: mb(memoryOf(pid()).peak) }
  } finally {
    clearInterval(timer)
  }
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}

function mb(bytes: number): number {
  return round(bytes / 1024 / 1024)
}
