import type { ReactNode } from 'react'

export function Section(props: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel">
      <header>
        <h2>{props.title}</h2>
        {props.extra}
      </header>
      {props.children}
    </section>
  )
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>
}
