// Query strings for list filters: empty values (undefined, null, '') are left out, so a
// cleared filter does not reach the server as `?unit_id=`.
export type QueryValue = string | number | boolean | null | undefined

export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    search.append(key, String(value))
  }
  const text = search.toString()
  return text ? `${path}?${text}` : path
}
