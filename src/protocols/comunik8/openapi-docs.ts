import type { RouteOptions } from 'fastify'
import type { RouteDoc } from '../documented-routes.js'

/** The Comunik8 Leads API's shapes for /docs (seed 004; docs/protocols/comunik8.md). */
const TAG = ['Comunik8']
const str = { type: 'string' }
const KEY = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', description: 'a dialler key (demo: demo-dialler-key)' } },
}

const ADD = {
  type: 'object',
  required: ['email', 'first_name', 'surname', 'mobile', 'type'],
  properties: {
    email: str,
    first_name: str,
    surname: str,
    mobile: { type: 'string', description: 'UK mobile, e.g. 07840258823' },
    type: { type: 'string', description: 'call group type, e.g. motor-trade' },
    subtype: { type: 'string', description: 'e.g. valeter' },
    other_phone: str,
    data: { type: 'string', description: 'a JSON object, as a string' },
    delays: { type: 'integer', description: 'seconds before the first call' },
    test: { type: 'boolean', description: 'validate only; answers {"test":"ok"}' },
  },
}

const CANCEL = {
  type: 'object',
  required: ['type', 'mobile'],
  properties: { type: str, subtype: str, mobile: str },
}

const FIELD_ERRORS = {
  description: 'per-field messages, e.g. {"email":{"0":"Email cannot be blank."}}',
  content: {
    'application/json': {
      schema: { type: 'object', additionalProperties: { type: 'object', additionalProperties: str } },
    },
  },
}

const NATIVE_ERROR = {
  description: 'transport error in the native shape: 401 key, 415 not JSON, 413 too large',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { error: { type: 'object', properties: { code: str, message: str, details: {} } } },
      },
    },
  },
}

function json(schema: object, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

export function describeComunik8Route(route: RouteOptions): RouteDoc | undefined {
  if (route.url === '/lead/add') {
    return {
      tags: TAG,
      summary: 'Add a lead to a call group’s queue',
      querystring: KEY,
      body: { content: { 'application/json': { schema: ADD } } },
      response: {
        200: json(
          {
            type: 'object',
            properties: { saved: { type: 'boolean' }, processed: { type: 'boolean' }, error: str, test: str },
          },
          '{"saved":true,"processed":true}; {"saved":true,"processed":false,"error":"Unknown Type"}; {"test":"ok"}',
        ),
        400: FIELD_ERRORS,
        401: NATIVE_ERROR,
        415: NATIVE_ERROR,
      },
    }
  }
  if (route.url === '/lead/cancel') {
    return {
      tags: TAG,
      summary: 'Cancel a scheduled call',
      querystring: KEY,
      body: { content: { 'application/json': { schema: CANCEL } } },
      response: {
        200: json(
          { type: 'object', properties: { cancelled: { type: 'boolean' }, warning: str } },
          '{"cancelled":true}; {"cancelled":false,"warning":"not found"}',
        ),
        400: FIELD_ERRORS,
        401: NATIVE_ERROR,
        415: NATIVE_ERROR,
      },
    }
  }
  return undefined
}
