import { useEffect } from 'react'
import { FormProvider } from 'react-hook-form'
import { Link, useNavigate, useParams } from 'react-router'
import { z } from 'zod'
import { api } from '../api'
import type { Buyer, Contract, Items } from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { ErrorBanner } from '../components/error-banner'
import {
  applyApiError,
  CheckboxField,
  FormStatus,
  SelectField,
  TextField,
  useZodForm,
} from '../components/form'
import { Section } from '../components/section'
import { Status } from '../components/status'
import {
  CAP_RENAMES,
  CapsEditor,
  capRow,
  capsFromApi,
  capsToApi,
  EditorActions,
  renamer,
  STATUSES,
  TimeZoneList,
} from '../forms/common'
import { useAction, useApiQuery } from '../query'
import { ContractTable } from './buyers'

const schema = z.object({
  name: z.string().trim().min(1, 'Enter a name'),
  status: z.string(),
  caps: z.array(capRow),
  timeZone: z.string().trim(),
  portalCanPause: z.boolean(),
})
type BuyerForm = z.input<typeof schema>

const BLANK: BuyerForm = { name: '', status: 'active', caps: [], timeZone: '', portalCanPause: false }

function toForm(b: Buyer): BuyerForm {
  const settings = (b.settings ?? {}) as Record<string, unknown>
  return {
    name: b.name,
    status: b.status,
    caps: capsFromApi(settings.caps as Record<string, unknown>[] | undefined),
    timeZone: typeof settings.timeZone === 'string' ? settings.timeZone : '',
    portalCanPause: settings.portalCanPause === true,
  }
}

const MANAGED = ['caps', 'timeZone', 'portalCanPause']

/** POST /buyers or PATCH /buyers/:id; settings keys the form does not show are kept. */
function toApi(f: z.output<typeof schema>, stored: Buyer | undefined) {
  const kept = Object.fromEntries(
    Object.entries((stored?.settings ?? {}) as Record<string, unknown>).filter(([k]) => !MANAGED.includes(k)),
  )
  const caps = capsToApi(f.caps)
  return {
    name: f.name,
    status: f.status,
    settings: {
      ...kept,
      ...(caps.length ? { caps } : {}),
      ...(f.timeZone ? { timeZone: f.timeZone } : {}),
      ...(f.portalCanPause ? { portalCanPause: true } : {}),
    },
  }
}

/** `settings.caps.0.spendCents` → `caps.0.spend`, `settings.timeZone` → `timeZone`. */
const RENAMES = renamer([
  [/^settings\.caps\.(\d+)\.spendCents$/, 'caps.$1.spend'],
  [/^settings\.(caps|timeZone|portalCanPause)/, '$1'],
  ...CAP_RENAMES,
])

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
  const form = useZodForm(schema, BLANK)
  useEffect(() => {
    if (buyer.data) form.reset(toForm(buyer.data))
  }, [buyer.data, form])
  const save = useAction<z.output<typeof schema>, Buyer>({
    run: (f) =>
      creating
        ? api('POST', '/buyers', toApi(f, undefined))
        : api('PATCH', `/buyers/${id}`, toApi(f, buyer.data)),
    success: (b) => `Buyer ${b.name} ${creating ? 'created' : 'saved'}.`,
    invalidate: [['/buyers']],
    onSuccess: (b) => {
      form.reset(toForm(b))
      if (creating) navigate(`/buyers/${b.id}`, { replace: true })
    },
    onError: (e) => applyApiError(form, e, RENAMES),
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
                <TextField
                  name="timeZone"
                  label="Time zone of its caps"
                  list="lf-time-zones"
                  placeholder="UTC"
                />
                <CheckboxField
                  name="portalCanPause"
                  label="May pause its own contracts in the buyer portal"
                />
              </div>
              <TimeZoneList id="lf-time-zones" />
              <CapsEditor
                name="caps"
                zoneDefault="buyer's"
                hint="Across all of the buyer's contracts: most leads and/or most spend per window (buyer caps)."
              />
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
