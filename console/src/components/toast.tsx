import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react'
import type { ApiError } from '../api'

type Tone = 'good' | 'bad' | 'info'

interface Toast {
  id: number
  tone: Tone
  text: string
}

export interface Toaster {
  good: (text: string) => void
  info: (text: string) => void
  /** An ApiError (or any Error) as `status code message`. */
  error: (error: ApiError | Error | string) => void
}

const ToastContext = createContext<Toaster | null>(null)
const GOOD_MS = 6_000
const BAD_MS = 15_000

export function describeError(error: ApiError | Error | string): string {
  if (typeof error === 'string') return error
  const e = error as Partial<ApiError>
  return [e.status || undefined, e.code, error.message].filter(Boolean).join(' ')
}

/** The result area: every action's outcome appears here (role=status, read out by screen readers). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const next = useRef(1)
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), [])
  const push = useCallback(
    (tone: Tone, text: string) => {
      const id = next.current++
      setToasts((list) => [...list.slice(-4), { id, tone, text }])
      setTimeout(() => dismiss(id), tone === 'bad' ? BAD_MS : GOOD_MS)
    },
    [dismiss],
  )
  const toaster = useMemo<Toaster>(
    () => ({
      good: (text) => push('good', text),
      info: (text) => push('info', text),
      error: (error) => push('bad', describeError(error)),
    }),
    [push],
  )
  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.tone}`}>
            <span>{t.text}</span>
            <button type="button" className="link" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  )
}

export function useToast(): Toaster {
  const toaster = useContext(ToastContext)
  if (!toaster) throw new Error('useToast outside ToastProvider')
  return toaster
}
