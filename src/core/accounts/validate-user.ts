import { ID_RULE, int, noUnknownKeys, objectAt, oneOf, optionalText, text } from '../config/check.js'
import { checked, Problems, valueOrThrow } from '../config/problems.js'
import { LeadflowError } from '../errors.js'
import { ROLES, type Role } from './roles.js'

export interface NewUserSpec {
  email: string
  name: string
  role: Role
  buyer_id: number | null
  source_id: number | null
}

export interface UserPatchInput {
  name?: string
  role?: Role
  status?: 'active' | 'disabled'
  buyer_id?: number | null
  source_id?: number | null
}

const EMAIL = /^[^\s@]+@[^\s@]+$/

function optionalId(p: Problems, key: string, value: unknown): number | null {
  return value === undefined || value === null ? null : int(p, [key], value, ID_RULE)
}

function partnerRule(p: Problems, role: Role, buyerId: number | null, sourceId: number | null): void {
  if (role === 'buyer' && buyerId === null) p.add(['buyer_id'], 'is required for a buyer user')
  if (role === 'seller' && sourceId === null) p.add(['source_id'], 'is required for a seller user')
}

export function checkNewUser(input: unknown): NewUserSpec {
  const p = new Problems()
  const o = objectAt(p, [], input)
  noUnknownKeys(p, [], o, ['email', 'name', 'role', 'buyer_id', 'source_id'])
  const email = text(p, ['email'], o.email, undefined, 254).trim().toLowerCase()
  if (email && !EMAIL.test(email)) p.add(['email'], 'is not an email address')
  const role = oneOf(p, ['role'], o.role, ROLES)
  const spec: NewUserSpec = {
    email,
    name: optionalText(p, ['name'], o.name) ?? '',
    role,
    buyer_id: role === 'buyer' ? optionalId(p, 'buyer_id', o.buyer_id) : null,
    source_id: role === 'seller' ? optionalId(p, 'source_id', o.source_id) : null,
  }
  partnerRule(p, role, spec.buyer_id, spec.source_id)
  return valueOrThrow(checked(p, spec))
}

export function checkUserPatch(input: unknown): UserPatchInput {
  const p = new Problems()
  const o = objectAt(p, [], input)
  noUnknownKeys(p, [], o, ['name', 'role', 'status', 'buyer_id', 'source_id'])
  const patch: UserPatchInput = {}
  if (o.name !== undefined) patch.name = optionalText(p, ['name'], o.name) ?? ''
  if (o.role !== undefined) patch.role = oneOf(p, ['role'], o.role, ROLES)
  if (o.status !== undefined) patch.status = oneOf(p, ['status'], o.status, ['active', 'disabled'] as const)
  if (o.buyer_id !== undefined) patch.buyer_id = optionalId(p, 'buyer_id', o.buyer_id)
  if (o.source_id !== undefined) patch.source_id = optionalId(p, 'source_id', o.source_id)
  return valueOrThrow(checked(p, patch))
}

/** 10 characters at least; no other rules (NIST SP 800-63B §5.1.1.2: length over composition). */
export function checkPassword(value: unknown): string {
  if (typeof value !== 'string' || value.length < 10 || value.length > 200)
    throw new LeadflowError('LF_VALIDATION', 'password must be 10 to 200 characters', [
      { path: 'password', message: 'must be 10 to 200 characters' },
    ])
  return value
}
