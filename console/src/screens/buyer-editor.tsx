import { useEffect } from 'react'
import { FormProvider } from 'react-hook-form'
import { Link, useNavigate, useParams } from 'react-router'
import { z } from 'zod'
import { api } from '../api'
import type { Buyer, Contract, Items } from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { ErrorBanner } from '../components/error-banner'
import { applyApiError, FormStatus, SelectField, TextField, useZodForm } from '../components/form'
import { Section } from '../components/section'
import { Status } from '../components/status'
import { EditorActions, STATUSES } from '../forms/common'
import { useAction, useApiQuery } from '../query'
import { ContractTable } from './buyers'

const schema = z.object({ name: z.string().trim().min(1, 'Enter a name'), status: z.string() })

/** Create or edit a buyer, and reach its contracts. */
export function BuyerEditorScreen() {
  const id = useParams().id ?? 'new'
  const creating = id === 'new'
  const canWrite = useCan()('config:write')
  const navigate = useNavigate()
  const confirm = useConfirm()
  const buyer = useApiQuery<Buyer>(`/buyers/${id}`, undefined, {
    enabled: !creating,
    // The form holds the operator's edits: a refetch on focus must not reset it.
    refetchOnWindowFocus: false,
  })
  const contracts = useApiQuery<Items<Contract>>(
    '/contracts',
    { buyer_id: id },
    { enabled: !creating, everyMs: 15_000 },
  )
  const form = useZodForm(schema, { name: '', status: 'active' })
  useEffect(() => {
    if (buyer.data) form.reset({ name: buyer.data.name, status: buyer.data.status })
  }, [buyer.data, form])
  const save = useAction<z.output<typeof schema>, Buyer>({
    run: (f) => (creating ? api('POST', '/buyers', f) : api('PATCH', `/buyers/${id}`, f)),
    success: (b) => `Buyer ${b.name} ${creating ? 'created' : 'saved'}.`,
    invalidate: [['/buyers']],
    onSuccess: (b) => {
      form.reset({ name: b.name, status: b.status })
      if (creating) navigate(`/buyers/${b.id}`, { replace: true })
    },
    onError: (e) => applyApiError(form, e),
  })
  const remove = useAction<void>({
    run: () => api('DELETE', `/buyers/${id}`),
    success: `Buyer ${buyer.data?.name ?? id} deleted.`,
    invalidate: [['/buyers'], ['/contracts']],
    onSuccess: () => navigate('/buyers'),
  })
  const askDelete = async () => {
    if (
      await confirm({
        title: `Delete buyer ${buyer.data?.name ?? id}?`,
        body: 'Its contracts and credentials go with it. A buyer that has bought cannot be deleted: disable it instead.',
        confirmLabel: 'Delete buyer',
      })
    )
      remove.mutate()
  }
  return (
    <div className="editor">
      <div className="toolbar">
        <Link to="/buyers">← Buyers & contracts</Link>
        <h1>{creating ? 'New buyer' : (buyer.data?.name ?? `Buyer ${id}`)}</h1>
        {buyer.data && <Status value={buyer.data.status} />}
      </div>
      <ErrorBanner error={buyer.error} />
      <FormProvider {...form}>
        <form onSubmit={form.handleSubmit((f) => save.mutate(f))} noValidate>
          <fieldset disabled={!canWrite} className="plain">
            <Section title="Buyer">
              <div className="form-grid">
                <TextField name="name" label="Name" />
                <SelectField name="status" label="Status" options={STATUSES} />
              </div>
            </Section>
          </fieldset>
          <FormStatus />
          <EditorActions
            canWrite={canWrite}
            creating={creating}
            saving={save.isPending}
            onDelete={askDelete}
            deleting={remove.isPending}
          />
        </form>
      </FormProvider>
      {!creating && (
        <Section
          title="Contracts"
          extra={
            canWrite && (
              <Link className="button" to={`/contracts/new?buyer=${id}`}>
                New contract
              </Link>
            )
          }
        >
          <ErrorBanner error={contracts.error} />
          <ContractTable contracts={contracts.data?.items ?? []} />
        </Section>
      )}
    </div>
  )
}
