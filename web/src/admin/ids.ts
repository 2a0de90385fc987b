// Ids typed into filter boxes (the auditor may not list users or open customers, so the
// access-log filters take ids). Pure (ids.test.ts).

/** A typed id: null when empty (no filter), undefined when not a positive whole number. */
export function parseId(text: string | null | undefined): number | null | undefined {
  const trimmed = (text ?? '').trim()
  if (!trimmed) return null
  return /^[1-9]\d{0,14}$/.test(trimmed) ? Number(trimmed) : undefined
}
