import { useEffect } from 'react'
import { FormProvider, useFieldArray, useFormContext } from 'react-hook-form'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { api } from '../api'
import type { Buyer, Contract, Items, LeadType } from '../api/types'
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
import { Section } from '../components/section'
import { Status } from '../components/status'
import { CapsEditor, EditorActions, RemoveRow, TimeZoneList } from '../forms/common'
import {
  COMPLIANCE_CHECKS,
  CONTRACT_RENAMES,
  type ContractForm,
  type ContractValues,
  contractSchema,
  contractToApi,
  contractToForm,
  FILTER_OPS,
  filterInputs,
  WEEKDAYS,
} from '../forms/contract-form'
import { useAction, useApiQuery } from '../query'
import { TestDeliveryPanel } from './test-delivery-panel'

const opt = (values: string[]) => values.map((v) => ({ value: v, label: v }))

/**
 * Create or edit a contract: what a buyer takes (lead type, filters), how much (caps, price),
 * when (schedule in its time zone) and how it is delivered (URL, method, format, field mapping,
 * headers, auth, response parsing) — with "send a test lead" before saving.
 */
export function ContractEditorScreen() {
  const id = useParams().id ?? 'new'
  const [params] = useSearchParams()
  const creating = id === 'new'
  const canWrite = useCan()('config:write')
  const navigate = useNavigate()
  const confirm = useConfirm()
  const contract = useApiQuery<Contract>(`/contracts/${id}`, undefined, {
    enabled: !creating,
    // The form holds the operator's edits: a refetch on focus must not reset it.
    refetchOnWindowFocus: false,
  })
  const buyers = useApiQuery<Items<Buyer>>('/buyers')
  const types = useApiQuery<Items<LeadType>>('/lead-types')
  const buyerId = contract.data?.buyer_id ?? Number(params.get('buyer'))
  const buyer = buyers.data?.items.find((b) => b.id === buyerId)
  const form = useZodForm(contractSchema, contractToForm(undefined))
  useEffect(() => {
    if (contract.data) form.reset(contractToForm(contract.data))
  }, [contract.data, form])

  const save = useAction<ContractValues, Contract>({
    run: (f) =>
      creating
        ? api('POST', `/buyers/${buyerId}/contracts`, contractToApi(f, undefined))
        : api('PATCH', `/contracts/${id}`, contractToApi(f, contract.data)),
    success: (c) => `Contract ${c.name} ${creating ? 'created' : 'saved'}.`,
    invalidate: [['/contracts'], ['/buyers']],
    onSuccess: (c) => {
      form.reset(contractToForm(c))
      if (creating) navigate(`/contracts/${c.id}`, { replace: true })
    },
    onError: (e) => applyApiError(form, e, CONTRACT_RENAMES),
  })
  const remove = useAction<void>({
    run: () => api('DELETE', `/contracts/${id}`),
    success: `Contract ${id} deleted.`,
    invalidate: [['/contracts']],
    onSuccess: () => navigate(`/buyers/${buyerId}`),
  })
  const askDelete = async () => {
    if (
      await confirm({
        title: `Delete contract ${contract.data?.name ?? id}?`,
        body: 'A contract that has sold cannot be deleted: switch it off instead.',
        confirmLabel: 'Delete contract',
      })
    )
      remove.mutate()
  }
  const target = form.watch('delivery.target')
  return (
    <div className="editor">
      <div className="toolbar">
        <Link to={buyerId ? `/buyers/${buyerId}` : '/buyers'}>← {buyer?.name ?? 'Buyers'}</Link>
        <h1>{creating ? 'New contract' : (contract.data?.name ?? `Contract ${id}`)}</h1>
        {contract.data && <Status value={contract.data.status} />}
        {contract.data && contract.data.consecutive_errors > 0 && (
          <span className="bad-text">{contract.data.consecutive_errors} delivery errors in a row</span>
        )}
      </div>
      <ErrorBanner error={contract.error} />
      {creating && !buyerId && <p className="error">Open “New contract” from a buyer.</p>}
      <FormProvider {...form}>
        <form onSubmit={form.handleSubmit((f) => save.mutate(f))} noValidate>
          <fieldset disabled={!canWrite} className="plain">
            <Section title="Contract">
              <div className="form-grid">
                <TextField name="name" label="Name" />
                <SelectField
                  name="lid"
                  label="Lead type"
                  numeric
                  blank="choose a lead type"
                  options={(types.data?.items ?? []).map((t) => ({
                    value: t.lid,
                    label: `${t.lid} · ${t.name}`,
                  }))}
                />
                <SelectField name="status" label="Status" options={opt(['active', 'paused', 'off'])} />
                <TextField name="price" label="Price ($)" inputMode="decimal" />
                <SelectField
                  name="pricing"
                  label="Pricing"
                  options={[
                    { value: 'fixed', label: 'fixed price' },
                    { value: 'bid', label: "the buyer's bid" },
                  ]}
                />
                <NumberField name="priority" label="Priority" min={0} hint="Lower goes first." />
                <NumberField name="weight" label="Weight" min={0} hint="Shares among equal priorities." />
                <NumberField
                  name="autoPauseAfter"
                  label="Pause after errors"
                  min={1}
                  hint="Delivery errors in a row; 5 when blank."
                />
                <CheckboxField name="exclusive" label="Exclusive: this buyer alone gets the lead" />
                <CheckboxField name="acceptsTestLeads" label="Accepts test leads" />
              </div>
            </Section>
            <FiltersEditor />
            <Section title="Limits">
              <CapsEditor
                name="caps"
                hint="Windows are local to the cap's time zone, else the schedule's, else UTC."
              />
            </Section>
            <ScheduleEditor />
            <AgedEditor />
            <Section title="Delivery">
              <div className="form-grid">
                <SelectField
                  name="delivery.target"
                  label="Deliver to"
                  options={[
                    { value: 'http', label: "the buyer's URL (HTTP)" },
                    { value: 'sandbox', label: 'a leadflow sandbox buyer' },
                    { value: 'call_queue', label: "a dialler's call queue" },
                  ]}
                />
                {target === 'http' && (
                  <TextField
                    name="delivery.url"
                    label="URL"
                    type="url"
                    placeholder="https://buyer.example/leads"
                  />
                )}
                {target === 'sandbox' && (
                  <TextField name="delivery.sandbox" label="Sandbox name" placeholder="acme" />
                )}
                {target === 'call_queue' && (
                  <>
                    <TextField name="delivery.queueType" label="Call queue type" />
                    <TextField name="delivery.queueSubtype" label="Call queue subtype" />
                  </>
                )}
                {target !== 'call_queue' && (
                  <>
                    <SelectField
                      name="delivery.method"
                      label="Method"
                      options={opt(['POST', 'PUT', 'PATCH', 'GET'])}
                    />
                    <SelectField
                      name="delivery.format"
                      label="Body format"
                      options={opt(['json', 'form', 'xml', 'query', 'soap'])}
                    />
                    <NumberField name="delivery.timeoutMs" label="Timeout (ms)" min={1} max={120000} />
                    <TextField name="delivery.root" label="XML root / SOAP operation" placeholder="lead" />
                    <TextField name="delivery.soapAction" label="SOAPAction" />
                    <TextField name="delivery.namespace" label="SOAP namespace" />
                  </>
                )}
              </div>
              {target !== 'call_queue' && (
                <>
                  <MappingEditor />
                  <HeadersEditor />
                  <AuthEditor />
                  <ResponseEditor />
                </>
              )}
            </Section>
            <Section title="Returns">
              <div className="form-grid">
                <NumberField name="returns.windowDays" label="Return window (days)" min={0} />
                <CheckboxField name="returns.allowConversions" label="Accept conversions" />
                <CheckboxField name="returns.autoApprove" label="Approve returns automatically" />
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
        {canWrite && target !== 'call_queue' && (
          <TestDeliveryPanel
            contractId={creating ? undefined : Number(id)}
            stored={contract.data}
            types={types.data?.items ?? []}
          />
        )}
      </FormProvider>
      <TimeZoneList id="lf-time-zones" />
    </div>
  )
}

function FiltersEditor() {
  const { control, watch } = useFormContext<ContractForm>()
  const rows = useFieldArray({ control, name: 'filters' })
  return (
    <Section title="Filters">
      <fieldset className="rows">
        <legend className="sr-only">Filters</legend>
        <p className="muted small">
          Every filter must pass. Values compare without case; several values are comma-separated.
        </p>
        {rows.fields.length === 0 && (
          <p className="muted small">No filters: the contract takes every lead of its type.</p>
        )}
        {rows.fields.map((row, i) => {
          const inputs = filterInputs(watch(`filters.${i}.op`))
          return (
            <div key={row.id} className="row-line">
              {inputs.field !== 'none' && (
                <TextField
                  name={`filters.${i}.field`}
                  label="Field"
                  placeholder={inputs.field === 'optional' ? 'State / Zip' : ''}
                />
              )}
              <SelectField name={`filters.${i}.op`} label="Condition" options={FILTER_OPS} />
              {inputs.value && <TextField name={`filters.${i}.value`} label="Value" />}
              {inputs.values && (
                <TextField name={`filters.${i}.values`} label="Values" placeholder="CA, NV" />
              )}
              {inputs.range && (
                <>
                  <TextField name={`filters.${i}.min`} label="From" />
                  <TextField name={`filters.${i}.max`} label="To" />
                </>
              )}
              {inputs.pattern && (
                <>
                  <TextField name={`filters.${i}.pattern`} label="Pattern (regular expression)" />
                  <TextField name={`filters.${i}.flags`} label="Flags" placeholder="i" />
                </>
              )}
              {inputs.radius && (
                <>
                  <TextField
                    name={`filters.${i}.zip`}
                    label="Centre ZIP"
                    inputMode="numeric"
                    placeholder="89101"
                  />
                  <TextField name={`filters.${i}.miles`} label="Miles" inputMode="decimal" />
                </>
              )}
              {inputs.check && (
                <SelectField
                  name={`filters.${i}.check`}
                  label="Check"
                  options={COMPLIANCE_CHECKS.map((c) => ({ value: c, label: c }))}
                />
              )}
              <RemoveRow what="filter" index={i} onRemove={() => rows.remove(i)} />
            </div>
          )
        })}
        <button
          type="button"
          onClick={() =>
            rows.append({
              op: 'state_in',
              field: '',
              value: '',
              values: '',
              min: '',
              max: '',
              pattern: '',
              flags: '',
              zip: '',
              miles: '',
              check: 'trustedform',
            })
          }
        >
          Add a filter
        </button>
      </fieldset>
    </Section>
  )
}

/** Aged-lead terms (docs/distribution.md, "Re-distribution"): only re-offered leads, at their own price. */
function AgedEditor() {
  const { control, watch } = useFormContext<ContractForm>()
  const bands = useFieldArray({ control, name: 'aged.bands' })
  const on = watch('aged.on')
  return (
    <Section title="Aged leads">
      <CheckboxField
        name="aged.on"
        label="Aged-lead contract: takes only leads re-distributed after they went unsold or were returned"
      />
      {on && (
        <>
          <div className="form-grid">
            <NumberField name="aged.minAgeHours" label="From age (hours)" min={0} hint="0 when blank" />
            <NumberField
              name="aged.maxAgeHours"
              label="Up to age (hours)"
              min={0}
              hint="any age when blank"
            />
            <TextField
              name="aged.price"
              label="Aged price ($)"
              inputMode="decimal"
              hint="blank: the contract's price"
            />
          </div>
          <fieldset className="rows">
            <legend>Price bands</legend>
            <p className="muted small">
              From this many hours old, this price (the price can fall as the lead ages).
            </p>
            {bands.fields.map((row, i) => (
              <div key={row.id} className="row-line">
                <NumberField name={`aged.bands.${i}.fromHours`} label="From (hours)" min={0} />
                <TextField name={`aged.bands.${i}.price`} label="Price ($)" inputMode="decimal" />
                <RemoveRow what="band" index={i} onRemove={() => bands.remove(i)} />
              </div>
            ))}
            <button type="button" onClick={() => bands.append({ fromHours: 0, price: '' })}>
              Add a price band
            </button>
          </fieldset>
        </>
      )}
    </Section>
  )
}

function ScheduleEditor() {
  const { watch } = useFormContext<ContractForm>()
  const always = watch('schedule.alwaysOpen')
  return (
    <Section title="Schedule">
      <div className="form-grid">
        <TextField
          name="schedule.timeZone"
          label="Time zone"
          list="lf-time-zones"
          hint="Hours and caps are local to it; UTC when blank."
        />
        <CheckboxField name="schedule.alwaysOpen" label="Open around the clock" />
        <TextField name="schedule.closedDates" label="Closed on (YYYY-MM-DD, comma-separated)" />
      </div>
      {!always && (
        <div className="form-grid days">
          {WEEKDAYS.map((d) => (
            <TextField key={d} name={`schedule.days.${d}`} label={d} placeholder="closed — or 09:00-17:00" />
          ))}
        </div>
      )}
    </Section>
  )
}

function MappingEditor() {
  const { control, watch } = useFormContext<ContractForm>()
  const rows = useFieldArray({ control, name: 'delivery.mapping' })
  return (
    <fieldset className="rows">
      <legend>Field mapping</legend>
      <p className="muted small">
        Without a mapping every field is sent by its name. Templates read {'{{Field}}'}, {'{{raw.Field}}'},{' '}
        {'{{event_id}}'}, {'{{lead_id}}'}, {'{{price}}'}.
      </p>
      {rows.fields.map((row, i) => {
        const source = watch(`delivery.mapping.${i}.source`)
        return (
          <div key={row.id} className="row-line">
            <TextField name={`delivery.mapping.${i}.to`} label="Send as" placeholder="applicant.email" />
            <SelectField
              name={`delivery.mapping.${i}.source`}
              label="From"
              options={[
                { value: 'field', label: 'a lead field' },
                { value: 'value', label: 'a constant' },
                { value: 'template', label: 'a template' },
              ]}
            />
            {source === 'field' && (
              <>
                <TextField name={`delivery.mapping.${i}.from`} label="Field" />
                <SelectField
                  name={`delivery.mapping.${i}.use`}
                  label="Value"
                  options={[
                    { value: 'normal', label: 'normalized' },
                    { value: 'raw', label: 'as posted' },
                  ]}
                />
              </>
            )}
            {source === 'value' && <TextField name={`delivery.mapping.${i}.value`} label="Constant" />}
            {source === 'template' && <TextField name={`delivery.mapping.${i}.template`} label="Template" />}
            <RemoveRow what="mapping" index={i} onRemove={() => rows.remove(i)} />
          </div>
        )
      })}
      <button
        type="button"
        onClick={() =>
          rows.append({ to: '', source: 'field', from: '', use: 'normal', value: '', template: '' })
        }
      >
        Add a mapped field
      </button>
    </fieldset>
  )
}

function HeadersEditor() {
  const { control } = useFormContext<ContractForm>()
  const rows = useFieldArray({ control, name: 'delivery.headers' })
  return (
    <fieldset className="rows">
      <legend>Headers</legend>
      <p className="muted small">
        Values of headers named like key, token, secret or password are stored sealed and shown as ********.
      </p>
      {rows.fields.map((row, i) => (
        <div key={row.id} className="row-line">
          <TextField name={`delivery.headers.${i}.name`} label="Header" />
          <TextField name={`delivery.headers.${i}.value`} label="Value" />
          <RemoveRow what="header" index={i} onRemove={() => rows.remove(i)} />
        </div>
      ))}
      <button type="button" onClick={() => rows.append({ name: '', value: '' })}>
        Add a header
      </button>
    </fieldset>
  )
}

function AuthEditor() {
  const { watch } = useFormContext<ContractForm>()
  const kind = watch('delivery.authKind')
  return (
    <fieldset className="rows">
      <legend>Authentication</legend>
      <div className="form-grid">
        <SelectField
          name="delivery.authKind"
          label="Scheme"
          options={[
            { value: '', label: 'none' },
            { value: 'basic', label: 'Basic (user and password)' },
            { value: 'bearer', label: 'Bearer token' },
          ]}
        />
        {kind === 'basic' && (
          <>
            <TextField name="delivery.username" label="User" autoComplete="off" />
            <TextField
              name="delivery.password"
              label="Password"
              type="password"
              autoComplete="new-password"
              hint="******** keeps the stored one."
            />
          </>
        )}
        {kind === 'bearer' && (
          <TextField
            name="delivery.token"
            label="Token"
            type="password"
            autoComplete="new-password"
            hint="******** keeps the stored one."
          />
        )}
      </div>
    </fieldset>
  )
}

function ResponseEditor() {
  return (
    <fieldset className="rows">
      <legend>Reading the buyer's answer</legend>
      <p className="muted small">
        Where: <code>json:result.status</code>, <code>xpath:/Response/Status</code>, or blank for the whole
        body. Terms are text (found anywhere, any case) or <code>/regex/flags</code>. Without terms, a 2xx is
        accepted.
      </p>
      <div className="form-grid">
        <TextField name="delivery.response.outcomeAt" label="Outcome at" placeholder="json:result" />
        <TextField name="delivery.response.accepted" label="Accepted when" placeholder="success" />
        <TextField name="delivery.response.rejected" label="Rejected when" placeholder="/^(dup|no)/i" />
        <TextField name="delivery.response.reason" label="Reason at" placeholder="json:message" />
        <TextField name="delivery.response.price" label="Price at" placeholder="json:price" />
        <SelectField
          name="delivery.response.priceUnit"
          label="Price in"
          options={[
            { value: 'dollars', label: 'dollars' },
            { value: 'cents', label: 'cents' },
          ]}
        />
        <TextField name="delivery.response.buyerLeadId" label="Buyer's lead id at" placeholder="json:id" />
        <TextField name="delivery.response.redirectUrl" label="Redirect URL at" />
      </div>
    </fieldset>
  )
}
