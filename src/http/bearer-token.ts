/** Extracts the token from `Authorization: Bearer …` (case-insensitive scheme). */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  const match = value?.match(/^\s*Bearer\s+(\S+)\s*$/i)
  return match?.[1]
}
