import { useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { FormProvider } from 'react-hook-form'
import { z } from 'zod'
import { api } from '../api'
import type { EntriesAdded, Items, LeadType, SuppressionList } from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { applyApiError, FormStatus, SelectField, TextField, useZodForm } from '../components/form'
import { Section } from '../components/section'
import { useToast } from '../components/toast'
import { time } from '../format'
import { useAction, useApiQuery } from '../query'

const KINDS = ['email', 'phone', 'ip', 'postal_code'] as const
/** Lines per request: a large file goes up in parts, each well under the body limit. */
const LINES_PER_PART = 5000

const NEW_LIST = z.object({
  name: z.string().trim().min(1, 'Give the list a name').max(200),
  kind: z.enum(KINDS),
  lid: z.number().int().positive().optional(),
})

/**
 * Suppression lists (docs/protocols/leadexec.md, "Suppression lists"): a lead carrying a listed
 * email, phone, IP or postal code is refused. Entries are uploaded as CSV (first column), in parts
 * with a progress bar; the counts of added, already listed and invalid values are shown.
 */
export function SuppressionScreen() {
  const lists = useApiQuery<{ lists: SuppressionList[] }>('/suppression-lists')
  const can = useCan()
  const confirm = useConfirm()
  const [uploadTo, setUploadTo] = useState<SuppressionList | null>(null)
  const remove = useAction<SuppressionList>({
    run: (l) => api('DELETE', `/suppression-lists/${l.id}`),
    success: (_r, l) => `List “${l.name}” deleted.`,
    invalidate: [['/suppression-lists']],
  })
  const mayWrite = can('suppression:write')
  const columns: ColumnDef<SuppressionList>[] = [
    { header: 'Name', accessorKey: 'name' },
    { header: 'Kind', accessorKey: 'kind' },
    { header: 'Lead type', accessorKey: 'lid', cell: (c) => c.row.original.lid ?? 'all' },
    { header: 'Entries', accessorKey: 'entries', meta: { num: true } },
    { header: 'Created', accessorKey: 'createdAt', cell: (c) => time(c.row.original.createdAt) },
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      cell: (c) =>
        mayWrite && (
          <div className="wrap-actions">
            <button type="button" onClick={() => setUploadTo(c.row.original)}>
              Upload CSV…
            </button>
            <button
              type="button"
              className="danger"
              onClick={async () => {
                const l = c.row.original
                const ok = await confirm({
                  title: `Delete list “${l.name}”?`,
                  body: `Its ${l.entries} entries go with it; leads carrying them are no longer refused.`,
                  confirmLabel: 'Delete list',
                })
                if (ok) remove.mutate(l)
              }}
            >
              Delete
            </button>
          </div>
        ),
    },
  ]
  return (
    <div>
      <div className="toolbar">
        <h1>Suppression lists</h1>
      </div>
      <ErrorBanner error={lists.error} />
      <DataTable
        label="Suppression lists"
        data={lists.data?.lists}
        columns={columns}
        rowId={(l) => String(l.id)}
        loading={lists.isLoading}
        empty="No suppression list yet."
      />
      {uploadTo && <Upload list={uploadTo} onClose={() => setUploadTo(null)} />}
      {mayWrite && <CreateList />}
    </div>
  )
}

function CreateList() {
  const types = useApiQuery<Items<LeadType>>('/lead-types')
  const form = useZodForm(NEW_LIST, { name: '', kind: 'email' })
  const create = useAction<z.output<typeof NEW_LIST>, SuppressionList>({
    run: (body) => api('POST', '/suppression-lists', { ...body, lid: body.lid ?? null }),
    success: (l) => `List “${l.name}” created.`,
    invalidate: [['/suppression-lists']],
    onSuccess: () => form.reset({ name: '', kind: 'email' }),
    onError: (e) => applyApiError(form, e),
  })
  return (
    <Section title="New list">
      <FormProvider {...form}>
        <form className="form-grid" onSubmit={form.handleSubmit((v) => create.mutate(v))}>
          <TextField name="name" label="Name" />
          <SelectField name="kind" label="Kind" options={KINDS.map((k) => ({ value: k, label: k }))} />
          <SelectField
            name="lid"
            label="Lead type"
            blank="every lead type"
            numeric
            options={types.data?.items.map((t) => ({ value: t.lid, label: `${t.lid} · ${t.name}` })) ?? []}
          />
          <FormStatus />
          <div className="actions end">
            <button type="submit" className="primary" disabled={create.isPending}>
              Create list
            </button>
          </div>
        </form>
      </FormProvider>
    </Section>
  )
}

interface Progress {
  sentBytes: number
  totalBytes: number
  added: number
  alreadyListed: number
  invalid: string[]
  done: boolean
  error?: string
}

function Upload({ list, onClose }: { list: SuppressionList; onClose: () => void }) {
  const file = useRef<HTMLInputElement>(null)
  const [progress, setProgress] = useState<Progress | null>(null)
  const client = useQueryClient()
  const toast = useToast()
  const start = async () => {
    const chosen = file.current?.files?.[0]
    if (!chosen) return
    const parts = split(await chosen.text())
    const bytes = (text: string) => new TextEncoder().encode(text).length
    const totalBytes = parts.reduce((n, p) => n + bytes(p), 0)
    let state: Progress = { sentBytes: 0, totalBytes, added: 0, alreadyListed: 0, invalid: [], done: false }
    setProgress(state)
    try {
      for (const part of parts) {
        const before = state.sentBytes
        const answer = await postCsv(`/api/v1/suppression-lists/${list.id}/entries`, part, (sent) =>
          setProgress({ ...state, sentBytes: before + sent }),
        )
        state = {
          ...state,
          sentBytes: before + bytes(part),
          added: state.added + answer.added,
          alreadyListed: state.alreadyListed + answer.alreadyListed,
          invalid: [...state.invalid, ...answer.invalid],
        }
        setProgress(state)
      }
      state = { ...state, done: true }
      toast.good(
        `${list.name}: ${state.added} added, ${state.alreadyListed} already listed, ${state.invalid.length} invalid.`,
      )
    } catch (error) {
      state = { ...state, done: true, error: (error as Error).message }
      toast.error(`Upload to ${list.name} stopped: ${state.error}`)
    }
    setProgress(state)
    await client.invalidateQueries({ queryKey: ['/suppression-lists'] })
  }
  const running = progress !== null && !progress.done
  return (
    <Section title={`Upload to “${list.name}” (${list.kind})`}>
      <p className="muted">
        A CSV or text file: one value a line, the first column of each row. A header row is ignored.
      </p>
      <div className="wrap-actions">
        <label>
          File <input ref={file} type="file" accept=".csv,text/csv,text/plain" disabled={running} />
        </label>
        <button type="button" className="primary" disabled={running} onClick={() => void start()}>
          Upload
        </button>
        <button type="button" disabled={running} onClick={onClose}>
          Close
        </button>
      </div>
      {progress && (
        <div aria-live="polite">
          <progress
            className="upload"
            aria-label="Upload progress"
            max={Math.max(progress.totalBytes, 1)}
            value={progress.sentBytes}
          />
          <p className={progress.error ? 'bad-text' : undefined}>
            {progress.done ? (progress.error ? `Stopped: ${progress.error}. ` : 'Done: ') : 'Uploading… '}
            <strong>{progress.added}</strong> added, <strong>{progress.alreadyListed}</strong> already listed,{' '}
            <strong>{progress.invalid.length}</strong> invalid
            {progress.invalid.length > 0 && (
              <span className="muted"> (e.g. {progress.invalid.slice(0, 3).join(', ')})</span>
            )}
          </p>
        </div>
      )}
    </Section>
  )
}

function split(text: string): string[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '')
  const parts: string[] = []
  for (let i = 0; i < lines.length; i += LINES_PER_PART)
    parts.push(`${lines.slice(i, i + LINES_PER_PART).join('\n')}\n`)
  return parts
}

function csrf(): string {
  const pair = document.cookie.split('; ').find((c) => c.startsWith('lf_csrf='))
  return pair ? decodeURIComponent(pair.slice('lf_csrf='.length)) : ''
}

/** fetch has no upload progress; XMLHttpRequest's `upload.onprogress` gives the bytes sent. */
function postCsv(url: string, body: string, onSent: (bytes: number) => void): Promise<EntriesAdded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.setRequestHeader('content-type', 'text/csv')
    xhr.setRequestHeader('x-csrf-token', csrf())
    xhr.upload.onprogress = (e) => onSent(e.loaded)
    xhr.onerror = () => reject(new Error('leadflow did not answer'))
    xhr.onload = () => {
      let json: { error?: { message?: string } } & Partial<EntriesAdded> = {}
      try {
        json = JSON.parse(xhr.responseText)
      } catch {}
      if (xhr.status >= 200 && xhr.status < 300) resolve(json as EntriesAdded)
      else reject(new Error(`${xhr.status} ${json.error?.message ?? xhr.statusText}`))
    }
    xhr.send(body)
  })
}
