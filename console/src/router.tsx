import { type MouseEvent, type ReactNode, useEffect, useState } from 'react'

/** The console's own path below /console/, e.g. "leads/42"; history routing, see docs/console.md. */
const BASE = import.meta.env.BASE_URL
const CHANGE = 'leadflow:navigate'

export function currentPath(): string {
  const path = window.location.pathname
  return (path.startsWith(BASE) ? path.slice(BASE.length) : path.replace(/^\//, '')).replace(/\/$/, '')
}

export function navigate(path: string): void {
  window.history.pushState(null, '', BASE + path)
  window.dispatchEvent(new Event(CHANGE))
  window.scrollTo(0, 0)
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath)
  useEffect(() => {
    const update = () => setPath(currentPath())
    window.addEventListener('popstate', update)
    window.addEventListener(CHANGE, update)
    return () => {
      window.removeEventListener('popstate', update)
      window.removeEventListener(CHANGE, update)
    }
  }, [])
  return path
}

/** A real link (middle-click opens a tab) that navigates in place on a plain click. */
export function Link(props: { to: string; className?: string; children: ReactNode }) {
  const click = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return
    event.preventDefault()
    navigate(props.to)
  }
  return (
    <a href={BASE + props.to} className={props.className} onClick={click}>
      {props.children}
    </a>
  )
}
