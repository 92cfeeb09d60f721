/**
 * The Comunik8 Leads API's curl examples, byte for byte as the shell sends them (single-quoted,
 * so `\\"` stays two backslashes and a quote), with one change: the page we have shows every
 * e-mail address as "[email protected]", the placeholder of a web page's e-mail obfuscation, so a
 * real address stands in for it (docs/compat.md, Comunik8).
 */
export const EXAMPLE_EMAIL = 'john.doe@example.com'

export const ADD_DELAYED = String.raw`{
    "first_name":"John",
    "surname":"Doe",
    "mobile":"07840258823",
    "email":"john.doe@example.com",
    "type":"motor-trade",
    "subtype":"valeter",
    "delays":600,
    "data": "{\\"vehicle_make\\":\\"Ford\\",\\"addresss\\":\\"123 Greenacre Road\\"}"
  }`

export const ADD_TEST = String.raw`{
    "first_name":"John",
    "surname":"Doe",
    "mobile":"07840258823",
    "email":"john.doe@example.com",
    "type":"motor-trade",
    "data": "{\\"vehicle_make\\":\\"Ford\\",\\"addresss\\":\\"123 Greenacre Road\\"}"
    "test": true
  }`

export const CANCEL = `{
    "mobile":"07840258823",
    "type":"motor-trade",
  }`

/** The headers every example sends. */
export const CURL_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-cache' }

export const KEY = 'demo-dialler-key'
