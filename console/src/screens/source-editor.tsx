import { useEffect } from 'react'
import { FormProvider } from 'react-hook-form'
import { Link, useNavigate, useParams } from 'react-router'
import { z } from 'zod'
import { api } from '../api'
import type { Campaign, Items, Source } from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { ErrorBanner } from '../components/error-banner'
import {
  applyApiError,
  CheckboxField,
  FormStatus,
  NumberField,
  SelectField,
  TextField,
  useZodForm,
} from '../components/form'
import { Empty, Section } from '../components/section'
import { Status } from '../components/status'
import {
  CAP_RENAMES,
  CapsEditor,
  capRow,
  capsFromApi,
  capsToApi,
  compact,
  dollars,
  EditorActions,
  money,
  optionalInt,
  renamer,
  STATUSES,
  TimeZoneList,
  toCents,
} from '../forms/common'
import { useAction, useApiQuery } from '../query'

const schema = z.object({
  vid: z.number({ error: 'Enter the vid: the number the source posts with' }).int().min(1, 'At least 1'),
  name: z.string().trim().min(1, 'Enter a name'),
  status: z.string(),
  password: z.string().max(200, 'At most 200 characters'),
  removePassword: z.boolean(),
  require_token: z.boolean(),
  marginKind: z.enum(['', 'percent', 'fixed']),
  marginPercent: optionalInt,
  marginFixed: money,
  floor: money,
  maxDeliveries: optionalInt,
  timeZone: z.string().trim(),
  postbackUrl: z.string().trim(),
  qcHold: z.boolean(),
  test: z.boolean(),
  showBuyers: z.boolean(),
  caps: z.array(capRow),
})
type SourceForm = z.input<typeof schema>

const RENAMES = renamer([
  [/^settings\.margin\.value$/, 'marginPercent'],
  [/^settings\.margin(\.kind)?$/, 'marginKind'],
  [/^settings\.floorCents$/, 'floor'],
  [/^settings\.(maxDeliveries|timeZone|postbackUrl|qcHold|test|showBuyers)$/, '$1'],
  [/^settings\.caps/, 'caps'],
  ...CAP_RENAMES,
])

function toForm(s: Source | undefined): SourceForm {
  const settings = (s?.settings ?? {}) as Record<string, unknown>
  const margin = settings.margin as { kind?: string; value?: number } | undefined
  return {
    vid: s?.vid as number,
    name: s?.name ?? '',
    status: s?.status ?? 'active',
    password: '',
    removePassword: false,
    require_token: s?.require_token ?? false,
    marginKind: margin?.kind === 'percent' || margin?.kind === 'fixed' ? margin.kind : '',
    marginPercent: margin?.kind === 'percent' ? margin.value : undefined,
    marginFixed: margin?.kind === 'fixed' ? dollars(margin.value) : '',
    floor: dollars(settings.floorCents),
    maxDeliveries: typeof settings.maxDeliveries === 'number' ? settings.maxDeliveries : undefined,
    timeZone: typeof settings.timeZone === 'string' ? settings.timeZone : '',
    postbackUrl: typeof settings.postbackUrl === 'string' ? settings.postbackUrl : '',
    qcHold: settings.qcHold === true,
    test: settings.test === true,
    showBuyers: settings.showBuyers === true,
    caps: capsFromApi(settings.caps as Record<string, unknown>[] | undefined),
  }
}

const KNOWN = [
  'margin',
  'floorCents',
  'maxDeliveries',
  'timeZone',
  'postbackUrl',
  'qcHold',
  'test',
  'showBuyers',
  'caps',
]

/** The body of POST /sources or PATCH /sources/:vid; settings keys the form does not show are kept. */
function toBody(f: z.output<typeof schema>, stored: Source | undefined, creating: boolean) {
  const other = Object.fromEntries(Object.entries(stored?.settings ?? {}).filter(([k]) => !KNOWN.includes(k)))
  const margin =
    f.marginKind === 'percent'
      ? { kind: 'percent', value: f.marginPercent ?? 0 }
      : f.marginKind === 'fixed'
        ? { kind: 'fixed', value: toCents(f.marginFixed) ?? 0 }
        : undefined
  const settings = {
    ...other,
    ...compact({
      margin,
      floorCents: toCents(f.floor),
      maxDeliveries: f.maxDeliveries,
      timeZone: f.timeZone,
      postbackUrl: f.postbackUrl,
      qcHold: f.qcHold || undefined,
      test: f.test || undefined,
      showBuyers: f.showBuyers || undefined,
    }),
    ...(f.caps.length ? { caps: capsToApi(f.caps) } : {}),
  }
  return {
    ...(creating ? { vid: f.vid } : {}),
    name: f.name,
    status: f.status,
    require_token: f.require_token,
    settings,
    ...(f.removePassword ? { password: null } : f.password ? { password: f.password } : {}),
  }
}

/** Create or edit a source: who may post, how it authenticates, what it earns, its caps. */
export function SourceEditorScreen() {
  const vid = useParams().vid ?? 'new'
  const creating = vid === 'new'
  const can = useCan()
  const canWrite = can('config:write')
  const navigate = useNavigate()
  const confirm = useConfirm()
  const source = useApiQuery<Source>(`/sources/${vid}`, undefined, {
    enabled: !creating,
    // The form holds the operator's edits: a refetch on focus must not reset it.
    refetchOnWindowFocus: false,
  })
  const form = useZodForm(schema, toForm(undefined))
  useEffect(() => {
    if (source.data) form.reset(toForm(source.data))
  }, [source.data, form])

  const save = useAction<z.output<typeof schema>, Source>({
    run: (f) =>
      creating
        ? api('POST', '/sources', toBody(f, undefined, true))
        : api('PATCH', `/sources/${vid}`, toBody(f, source.data, false)),
    success: (s) => `Source ${s.vid} · ${s.name} ${creating ? 'created' : 'saved'}.`,
    invalidate: [['/sources']],
    onSuccess: (s) => {
      form.reset(toForm(s))
      if (creating) navigate(`/sources/${s.vid}`, { replace: true })
    },
    onError: (e) => applyApiError(form, e, RENAMES),
  })
  const remove = useAction<void>({
    run: () => api('DELETE', `/sources/${vid}`),
    success: `Source ${vid} deleted.`,
    invalidate: [['/sources'], ['/campaigns']],
    onSuccess: () => navigate('/sources'),
  })
  const askDelete = async () => {
    if (
      await confirm({
        title: `Delete source ${vid}?`,
        body: 'Its campaigns and credentials go with it. A source that has posted leads cannot be deleted: disable it instead.',
        confirmLabel: 'Delete source',
      })
    )
      remove.mutate()
  }
  const marginKind = form.watch('marginKind')

  return (
    <div className="editor">
      <div className="toolbar">
        <Link to="/sources">← Sources</Link>
        <h1>{creating ? 'New source' : `Source ${vid}`}</h1>
        {source.data && <Status value={source.data.status} />}
      </div>
      <ErrorBanner error={source.error} />
      <FormProvider {...form}>
        <form onSubmit={form.handleSubmit((f) => save.mutate(f))} noValidate>
          <fieldset disabled={!canWrite} className="plain">
            <Section title="Source">
              <div className="form-grid">
                <NumberField
                  name="vid"
                  label="VID"
                  min={1}
                  disabled={!creating}
                  hint="The number the source posts as (LeadExec vid)."
                />
                <TextField name="name" label="Name" />
                <SelectField name="status" label="Status" options={STATUSES} />
                <TextField
                  name="password"
                  label={source.data?.has_password ? 'New password' : 'Password'}
                  type="password"
                  autoComplete="new-password"
                  hint={
                    source.data?.has_password
                      ? 'Blank keeps the current password.'
                      : 'What the source posts with.'
                  }
                />
                {source.data?.has_password && (
                  <CheckboxField name="removePassword" label="Remove the password" />
                )}
                <CheckboxField name="require_token" label="Require the source's bearer token too" />
              </div>
            </Section>
            <Section title="Money and limits">
              <div className="form-grid">
                <SelectField
                  name="marginKind"
                  label="Our margin"
                  options={[
                    { value: '', label: 'none (the source earns the whole price)' },
                    { value: 'percent', label: 'percent of the price' },
                    { value: 'fixed', label: 'fixed amount per sale' },
                  ]}
                />
                {marginKind === 'percent' && (
                  <NumberField name="marginPercent" label="Margin (%)" min={0} max={100} />
                )}
                {marginKind === 'fixed' && (
                  <TextField name="marginFixed" label="Margin ($ per sale)" inputMode="decimal" />
                )}
                <TextField
                  name="floor"
                  label="Floor price ($)"
                  inputMode="decimal"
                  hint="No sale below this."
                />
                <NumberField name="maxDeliveries" label="Most buyers per lead" min={1} />
                <TextField
                  name="timeZone"
                  label="Time zone"
                  list="lf-time-zones"
                  hint="For its caps; UTC when blank."
                />
                <TextField name="postbackUrl" label="Postback URL" type="url" />
                <CheckboxField name="qcHold" label="Hold its leads for QC review" />
                <CheckboxField
                  name="test"
                  label="Test source: every lead it posts is a test lead"
                  hint="Sent only to contracts that accept test leads."
                />
                <CheckboxField name="showBuyers" label="Show it its buyers in the seller portal" />
              </div>
              <CapsEditor name="caps" zoneDefault="source's" hint="Caps on this source's sales." />
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
      <TimeZoneList id="lf-time-zones" />
      {!creating && <SourceCampaigns vid={Number(vid)} canWrite={canWrite} />}
    </div>
  )
}

function SourceCampaigns({ vid, canWrite }: { vid: number; canWrite: boolean }) {
  const campaigns = useApiQuery<Items<Campaign>>('/campaigns', { vid })
  return (
    <Section
      title="Campaigns"
      extra={
        canWrite && (
          <Link className="button" to={`/campaigns/new?vid=${vid}`}>
            New campaign
          </Link>
        )
      }
    >
      {campaigns.data?.items.length === 0 && (
        <Empty>No campaigns: a source posts through a campaign (aid).</Empty>
      )}
      <ul className="plain-list">
        {campaigns.data?.items.map((c) => (
          <li key={c.aid}>
            <Link to={`/campaigns/${c.aid}`}>
              {c.aid} · {c.name}
            </Link>{' '}
            <span className="muted">lead type {c.lid ?? 'any'}</span> <Status value={c.status} />
          </li>
        ))}
      </ul>
    </Section>
  )
}
