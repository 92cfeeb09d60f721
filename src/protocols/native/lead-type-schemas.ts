import { FIELD_TYPES } from '../../core/config/field-types.js'
import { ANY_OBJECT, adminSchema, DELETED, ID, idParams, listOf, NAME, TIME } from './common-schemas.js'

const FIELD = {
  type: 'object',
  required: ['name', 'type'],
  properties: {
    name: { type: 'string' },
    type: { type: 'string', enum: FIELD_TYPES },
    required: { type: 'boolean' },
    allowed: { type: 'array', items: { type: 'string' } },
    label: { type: 'string' },
    maxLength: { type: 'integer' },
    min: { type: 'number' },
    max: { type: 'number' },
    country: { type: 'string' },
  },
  additionalProperties: true,
} as const

const RULE = {
  type: 'object',
  properties: {
    fields: { type: 'array', items: { type: 'string' } },
    windowDays: { type: 'integer' },
    scope: { type: 'string', enum: ['source', 'all'] },
  },
  additionalProperties: true,
} as const

// Bodies take fields and rules as plain lists: core/config reports each bad entry with its path
// (fields[2].type), which reads better than Ajv's nested schema errors.
const PROPS = {
  lid: ID,
  vertical_id: ID,
  name: NAME,
  status: { type: 'string', enum: ['active', 'disabled'] },
  fields: {
    type: 'array',
    items: { type: 'object' },
    description: 'Field schema (docs/api.md, "Lead types")',
  },
  duplicate_rules: { type: 'array', items: { type: 'object' } },
  settings: ANY_OBJECT,
} as const

const LEAD_TYPE = {
  type: 'object',
  properties: {
    id: ID,
    lid: ID,
    vertical_id: ID,
    name: { type: 'string' },
    status: { type: 'string' },
    fields: { type: 'array', items: FIELD },
    duplicate_rules: { type: 'array', items: RULE },
    settings: ANY_OBJECT,
    created_at: TIME,
    updated_at: TIME,
  },
} as const

const { lid: _lid, ...PATCH_PROPS } = PROPS
const tag = 'lead types'

export const LIST_LEAD_TYPES = adminSchema(tag, 'List lead types', { response: { 200: listOf(LEAD_TYPE) } })
export const GET_LEAD_TYPE = adminSchema(tag, 'Get a lead type by lid', {
  params: idParams('lid'),
  response: { 200: LEAD_TYPE },
})
export const CREATE_LEAD_TYPE = adminSchema(tag, 'Create a lead type', {
  body: {
    type: 'object',
    required: ['lid', 'name', 'fields'],
    properties: PROPS,
    additionalProperties: false,
  },
  response: { 201: LEAD_TYPE },
})
export const UPDATE_LEAD_TYPE = adminSchema(
  tag,
  'Update a lead type (the keys sent replace the stored ones)',
  {
    params: idParams('lid'),
    body: { type: 'object', properties: PATCH_PROPS, additionalProperties: false },
    response: { 200: LEAD_TYPE },
  },
)
export const DELETE_LEAD_TYPE = adminSchema(tag, 'Delete a lead type no lead, campaign or contract uses', {
  params: idParams('lid'),
  response: { 204: DELETED },
})
