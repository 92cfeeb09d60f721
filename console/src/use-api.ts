import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApiError } from './api'

export interface Loaded<T> {
  data: T | undefined
  error: ApiError | undefined
  loading: boolean
  /** When the data last arrived. */
  at: Date | undefined
  reload: () => void
}

/**
 * Loads with `load` whenever `key` changes, and again every `everyMs` while set. A refresh keeps
 * the previous data on screen; an answer that arrives after a newer request started is dropped.
 */
export function useApi<T>(load: () => Promise<T>, key: string, everyMs?: number): Loaded<T> {
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: true,
    at: undefined,
  })
  const latest = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const run = useCallback(async () => {
    const ticket = ++latest.current
    setState((s) => ({ ...s, loading: true }))
    try {
      const data = await loadRef.current()
      if (ticket === latest.current) setState({ data, error: undefined, loading: false, at: new Date() })
    } catch (error) {
      if (ticket === latest.current) setState((s) => ({ ...s, error: error as ApiError, loading: false }))
    }
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: key names what load reads
  useEffect(() => {
    setState({ data: undefined, error: undefined, loading: true, at: undefined })
    void run()
  }, [key, run])

  useEffect(() => {
    if (!everyMs) return
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void run()
    }, everyMs)
    return () => clearInterval(timer)
  }, [everyMs, run])

  return { ...state, reload: run }
}
