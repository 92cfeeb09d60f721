import type { Obj } from './check.js'
import { bool, ID_RULE, int, noUnknownKeys, objectAt, oneOf, text } from './check.js'
import { type Checked, checked, type Path, Problems } from './problems.js'
import { checkPlainSettings, checkSourceSettings } from './validate-settings.js'

export const SOURCE_STATUSES = ['active', 'disabled'] as const

/** A lead source (LeadExec vendor, `vid`). */
export interface SourceSpec {
  vid: number
  name: string
  status: (typeof SOURCE_STATUSES)[number]
  /** undefined keeps the stored password; null removes it; a string replaces it (stored hashed). */
  password?: string | null
  require_token: boolean
  settings: Obj
}

/** A source's campaign (LeadExec `aid`), optionally bound to one lead type by `lid`. */
export interface CampaignSpec {
  aid: number
  vid: number
  name: string
  lid: number | null
  status: (typeof SOURCE_STATUSES)[number]
  settings: Obj
}

export const SOURCE_KEYS = ['vid', 'name', 'status', 'password', 'require_token', 'settings']
export const CAMPAIGN_KEYS = ['aid', 'vid', 'name', 'lid', 'status', 'settings']

export function checkSource(p: Problems, at: Path, input: unknown, extraKeys: string[] = []): SourceSpec {
  const o = objectAt(p, at, input)
  noUnknownKeys(p, at, o, [...SOURCE_KEYS, ...extraKeys])
  const spec: SourceSpec = {
    vid: int(p, [...at, 'vid'], o.vid, ID_RULE),
    name: text(p, [...at, 'name'], o.name),
    status: oneOf(p, [...at, 'status'], o.status, SOURCE_STATUSES, 'active'),
    require_token: bool(p, [...at, 'require_token'], o.require_token, false),
    settings: checkSourceSettings(p, [...at, 'settings'], o.settings),
  }
  if (o.password === null) spec.password = null
  else if (o.password !== undefined) spec.password = text(p, [...at, 'password'], o.password, undefined, 200)
  return spec
}

export function validateSource(input: unknown): Checked<SourceSpec> {
  const p = new Problems()
  return checked(p, checkSource(p, [], input))
}

/** `vid` may come from the enclosing source (leadflow.yaml nests campaigns under their source). */
export function checkCampaign(p: Problems, at: Path, input: unknown, vid?: number): CampaignSpec {
  const o = objectAt(p, at, input)
  noUnknownKeys(p, at, o, vid === undefined ? CAMPAIGN_KEYS : CAMPAIGN_KEYS.filter((k) => k !== 'vid'))
  return {
    aid: int(p, [...at, 'aid'], o.aid, ID_RULE),
    vid: vid ?? int(p, [...at, 'vid'], o.vid, ID_RULE),
    name: text(p, [...at, 'name'], o.name),
    lid: o.lid === undefined || o.lid === null ? null : int(p, [...at, 'lid'], o.lid, ID_RULE),
    status: oneOf(p, [...at, 'status'], o.status, SOURCE_STATUSES, 'active'),
    settings: checkPlainSettings(p, [...at, 'settings'], o.settings),
  }
}

export function validateCampaign(input: unknown): Checked<CampaignSpec> {
  const p = new Problems()
  return checked(p, checkCampaign(p, [], input))
}
