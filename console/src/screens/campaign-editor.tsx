import { useEffect } from 'react'
import { FormProvider } from 'react-hook-form'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { z } from 'zod'
import { api } from '../api'
import type { Campaign, Items, LeadType, Source } from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { ErrorBanner } from '../components/error-banner'
import {
  applyApiError,
  FormStatus,
  NumberField,
  SelectField,
  TextField,
  useZodForm,
} from '../components/form'
import { Section } from '../components/section'
import { EditorActions, STATUSES } from '../forms/common'
import { useAction, useApiQuery } from '../query'

const schema = z.object({
  aid: z.number({ error: 'Enter the aid: the number the source posts to' }).int().min(1, 'At least 1'),
  vid: z.number({ error: 'Choose the source' }).int(),
  name: z.string().trim().min(1, 'Enter a name'),
  lid: z.number().int().optional(),
  status: z.string(),
})
type CampaignForm = z.input<typeof schema>

function toForm(c: Campaign | undefined, vid?: number): CampaignForm {
  return {
    aid: c?.aid as number,
    vid: (c?.vid ?? vid) as number,
    name: c?.name ?? '',
    lid: c?.lid ?? undefined,
    status: c?.status ?? 'active',
  }
}

/** Create or edit a campaign: its aid, the source it belongs to and the lead type it posts. */
export function CampaignEditorScreen() {
  const aid = useParams().aid ?? 'new'
  const [params] = useSearchParams()
  const creating = aid === 'new'
  const canWrite = useCan()('config:write')
  const navigate = useNavigate()
  const confirm = useConfirm()
  const campaign = useApiQuery<Campaign>(`/campaigns/${aid}`, undefined, {
    enabled: !creating,
    // The form holds the operator's edits: a refetch on focus must not reset it.
    refetchOnWindowFocus: false,
  })
  const sources = useApiQuery<Items<Source>>('/sources')
  const types = useApiQuery<Items<LeadType>>('/lead-types')
  const presetVid = params.get('vid') ? Number(params.get('vid')) : undefined
  const form = useZodForm(schema, toForm(undefined, presetVid))
  useEffect(() => {
    if (campaign.data) form.reset(toForm(campaign.data))
  }, [campaign.data, form])
  // The selects get their options after the lists load; set the preset again then.
  useEffect(() => {
    if (creating && presetVid && sources.data) form.setValue('vid', presetVid)
  }, [creating, presetVid, sources.data, form])

  const save = useAction<z.output<typeof schema>, Campaign>({
    run: (f) =>
      creating
        ? api('POST', '/campaigns', { ...f, lid: f.lid ?? null })
        : api('PATCH', `/campaigns/${aid}`, { name: f.name, status: f.status, lid: f.lid ?? null }),
    success: (c) => `Campaign ${c.aid} · ${c.name} ${creating ? 'created' : 'saved'}.`,
    invalidate: [['/campaigns']],
    onSuccess: (c) => {
      form.reset(toForm(c))
      if (creating) navigate(`/campaigns/${c.aid}`, { replace: true })
    },
    onError: (e) => applyApiError(form, e),
  })
  const remove = useAction<void>({
    run: () => api('DELETE', `/campaigns/${aid}`),
    success: `Campaign ${aid} deleted.`,
    invalidate: [['/campaigns']],
    onSuccess: () => navigate('/campaigns'),
  })
  const askDelete = async () => {
    if (
      await confirm({
        title: `Delete campaign ${aid}?`,
        body: 'Posts to this aid will be refused.',
        confirmLabel: 'Delete campaign',
      })
    )
      remove.mutate()
  }
  return (
    <div className="editor">
      <div className="toolbar">
        <Link to="/campaigns">← Campaigns</Link>
        <h1>{creating ? 'New campaign' : `Campaign ${aid}`}</h1>
      </div>
      <ErrorBanner error={campaign.error} />
      <FormProvider {...form}>
        <form onSubmit={form.handleSubmit((f) => save.mutate(f))} noValidate>
          <fieldset disabled={!canWrite} className="plain">
            <Section title="Campaign">
              <div className="form-grid">
                <NumberField
                  name="aid"
                  label="AID"
                  min={1}
                  disabled={!creating}
                  hint="The number the source posts to (LeadExec aid)."
                />
                <SelectField
                  name="vid"
                  label="Source"
                  numeric
                  blank="choose a source"
                  disabled={!creating}
                  options={(sources.data?.items ?? []).map((s) => ({
                    value: s.vid,
                    label: `${s.vid} · ${s.name}`,
                  }))}
                />
                <TextField name="name" label="Name" />
                <SelectField
                  name="lid"
                  label="Lead type"
                  numeric
                  blank="any lead type"
                  options={(types.data?.items ?? []).map((t) => ({
                    value: t.lid,
                    label: `${t.lid} · ${t.name}`,
                  }))}
                />
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
    </div>
  )
}
