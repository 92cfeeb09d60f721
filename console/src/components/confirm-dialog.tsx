import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react'

export interface ConfirmRequest {
  title: string
  body?: ReactNode
  /** The button's words, e.g. "Delete contract". */
  confirmLabel: string
  /** `danger` (the default) for destructive actions. */
  tone?: 'danger' | 'plain'
}

type Ask = (request: ConfirmRequest) => Promise<boolean>

const ConfirmContext = createContext<Ask | null>(null)

/**
 * One modal `<dialog>` for the app: `const confirm = useConfirm(); if (await confirm({...})) …`.
 * The native dialog traps focus, closes on Escape (= cancel) and returns focus afterwards.
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<{ request: ConfirmRequest; resolve: (ok: boolean) => void }>()
  const ask = useCallback<Ask>((request) => new Promise((resolve) => setPending({ request, resolve })), [])
  const close = (ok: boolean) => {
    pending?.resolve(ok)
    setPending(undefined)
  }
  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      {pending && <ConfirmDialog request={pending.request} onClose={close} />}
    </ConfirmContext.Provider>
  )
}

export function ConfirmDialog({
  request,
  onClose,
}: {
  request: ConfirmRequest
  onClose: (ok: boolean) => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby="confirm-title"
      onCancel={(event) => {
        event.preventDefault()
        onClose(false)
      }}
    >
      <h2 id="confirm-title">{request.title}</h2>
      {request.body && <div className="confirm-body">{request.body}</div>}
      <div className="actions end">
        <button type="button" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button
          type="button"
          className={request.tone === 'plain' ? 'primary' : 'danger solid'}
          onClick={() => onClose(true)}
        >
          {request.confirmLabel}
        </button>
      </div>
    </dialog>
  )
}

export function useConfirm(): Ask {
  const ask = useContext(ConfirmContext)
  if (!ask) throw new Error('useConfirm outside ConfirmProvider')
  return ask
}
