import type { RouteOptions } from 'fastify'
import type { RouteDoc } from '../documented-routes.js'

/**
 * The Lead Receiver API's shapes for /docs (seed 003; docs/protocols/leadexec.md): request
 * parameters and the PostResponse, LeadQueueResponse, PingResponse and status answers. Every
 * answer is JSON or, with the `xml` response type, the same document in XML.
 */
const TAG = ['LeadExec']
const str = { type: 'string' }
const int = { type: 'integer' }
const bool = { type: 'boolean' }
const num = { type: 'number' }

const CREDENTIALS = {
  vid: int,
  lid: int,
  aid: int,
  password: str,
  returnurl: { type: 'string', description: 'async only: the answer is POSTed here when processed' },
  orderid: { type: 'string', description: 'the OrderID of an earlier ping' },
}

const FORM = {
  type: 'object',
  properties: CREDENTIALS,
  additionalProperties: { type: 'string', description: 'the lead type’s fields, e.g. FirstName, Email' },
}

const JSON_BODY = {
  type: 'object',
  properties: {
    source: { type: 'object', properties: CREDENTIALS },
    leads: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          properties: { type: 'object', additionalProperties: true, description: 'reference, leadUID, …' },
          fields: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
}

const XML_BODY = {
  type: 'string',
  description: '<Leads vid="1" lid="1" aid="1" password="…"><Lead>…</Lead></Leads>',
}

const BODY = {
  content: {
    'application/x-www-form-urlencoded': { schema: FORM },
    'application/json': { schema: JSON_BODY },
    'application/xml': { schema: XML_BODY },
  },
}

const SEND_INFO = {
  type: 'object',
  properties: { ClientUID: int, ClientName: str, RedirectURL: str, Valid: bool, Price: num },
}

const POST_RESPONSE = {
  type: 'object',
  properties: {
    PostID: str,
    isValidPost: bool,
    ResponseType: { type: 'integer', description: '0 No_Error … (XML: the name)' },
    ResponseDetails: str,
    LeadIdentifier: int,
    VendorAccountAssigned: int,
    PendingQCReview: bool,
    Price: num,
    RedirectURL: str,
    StatusURL: str,
    Sends: { type: 'array', items: SEND_INFO, description: 'returnsends only' },
  },
}

const QUEUE_RESPONSE = {
  type: 'object',
  properties: { QueueSuccessful: bool, PostID: str, ResponseDetails: str, StatusURL: str },
}

const PING_RESPONSE = {
  type: 'object',
  properties: {
    WillAccept: bool,
    RequestID: str,
    OrderID: str,
    EstimatedPrice: str,
    OrderExpiresOn: str,
    Response: str,
  },
}

const DUPLICATE_RESPONSE = {
  type: 'object',
  properties: {
    IsDuplicate: bool,
    DuplicateLeadId: int,
    ReceivedOn: { type: ['string', 'null'] },
    Response: str,
  },
}

const STATUS_RESPONSE = {
  type: 'object',
  properties: {
    PostID: str,
    LeadIdentifier: int,
    IsValid: bool,
    RejectionReason: str,
    VendorAccountAssigned: int,
    DateReceived: str,
    QualityControlDetails: {
      type: 'object',
      properties: {
        PendingReview: bool,
        DateOfReview: str,
        IsQualityControlRejected: bool,
        RejectionReason: str,
      },
    },
    ReturnDetails: { type: 'object', properties: { IsReturned: bool, DateOfReturn: str, ReturnReason: str } },
    Price: num,
  },
}

function answer(schema: object, description: string) {
  return {
    200: {
      description,
      content: { 'application/json': { schema }, 'application/xml': { schema: { type: 'string' } } },
    },
  }
}

const RESPONSE_TYPE = {
  type: 'object',
  properties: { response_type: { type: 'string', enum: ['json', 'xml'] } },
}

const ACCESS_TOKEN = {
  type: 'object',
  properties: {
    authorization: { type: 'string', description: 'Bearer <access_token>' },
    access_token: { type: 'string', description: 'the token alone (seed 003: position "header")' },
  },
}

function post(summary: string, url: string, schema: object, description: string): RouteDoc {
  return {
    tags: TAG,
    summary,
    headers: ACCESS_TOKEN,
    ...(url.includes(':response_type') ? { params: RESPONSE_TYPE } : {}),
    body: BODY,
    response: answer(schema, description),
  }
}

export function describeLeadexecRoute(route: RouteOptions): RouteDoc | undefined {
  const url = route.url
  if (url.startsWith('/processor/insert/ping')) {
    return url.endsWith('/async')
      ? post('Ping a lead, answered later to returnurl', url, QUEUE_RESPONSE, 'LeadQueueResponse')
      : post('Ping a lead’s eligibility for an OrderID', url, PING_RESPONSE, 'PingResponse')
  }
  if (url.startsWith('/processor/insert/')) {
    const mode = url.split('/')[3]
    return url.endsWith('/async')
      ? post(`Queue a lead (${mode}), answered later to returnurl`, url, QUEUE_RESPONSE, 'LeadQueueResponse')
      : post(`Post a lead (${mode})`, url, POST_RESPONSE, 'PostResponse, or an array for several leads')
  }
  if (url.startsWith('/processor/update')) return post('Update a lead', url, POST_RESPONSE, 'PostResponse')
  if (url.startsWith('/processor/duplicate/check')) {
    return post('Is this lead a duplicate?', url, DUPLICATE_RESPONSE, 'PingResponse (duplicate check)')
  }
  if (url.startsWith('/information/')) {
    const byPath = url.includes(':PostID')
    return {
      tags: TAG,
      summary: 'The latest status of a post',
      ...(byPath ? { params: { type: 'object', properties: { PostID: str } } } : {}),
      querystring: {
        type: 'object',
        properties: {
          ...(byPath ? {} : { PostID: str }),
          response_type: { type: 'string', enum: ['json', 'xml'] },
        },
      },
      response: answer(STATUS_RESPONSE, 'LeadStatusResponse (PingResponse for an async ping once run)'),
    }
  }
  return undefined
}
