// Masked by default, revealed with a reason (SEC-3, docs/adr/0011): which notice a customer
// page shows, why a form item is read-only, and when the page must read the customer again
// because the reveal window is over. Pure (reveal.test.ts).
import type { Customer } from '../api/customers'

export type MaskState =
  /** Shown in full to this user until `revealed_until`. */
  | 'revealed'
  /** Masked; this user may reveal it with a reason. */
  | 'revealable'
  /** Masked; this user may not see it in full. */
  | 'masked'
  /** Nothing to say (a server that masks nothing for this user). */
  | 'plain'

export function maskState(c: Pick<Customer, 'masked' | 'revealable' | 'revealed_until'>): MaskState {
  if (c.masked) return c.revealable ? 'revealable' : 'masked'
  return c.revealed_until !== null && c.revealed_until !== undefined ? 'revealed' : 'plain'
}

/** Locale key of the hint under a masked form item: reveal first, or not yours to see. */
export function maskedFieldReasonKey(c: Pick<Customer, 'revealable'>): string {
  return c.revealable ? 'customers.form.maskedRevealable' : 'customers.form.maskedField'
}

/** A little after the server's end, so the next read is masked again. */
export const REVEAL_END_GRACE_MS = 1_000
/**
 * When the browser's clock says the window is over but the server still answered in full
 * (clocks differ), try again after this long rather than at once: every read of the
 * customer is a `view` entry in the access log.
 */
export const REVEAL_RETRY_MS = 10_000
/** setTimeout fires at once beyond 2^31-1 ms; a day is plenty (GUANXI_REVEAL_SECONDS is minutes). */
export const REVEAL_MAX_WAIT_MS = 24 * 3600 * 1000

/**
 * Milliseconds until the page should read the customer again because its reveal window
 * ends; null when none is running.
 */
export function revealReloadDelay(c: Pick<Customer, 'masked' | 'revealed_until'>, now: number): number | null {
  if (c.masked || c.revealed_until === null || c.revealed_until === undefined) return null
  const left = c.revealed_until - now
  if (left <= 0) return REVEAL_RETRY_MS
  return Math.min(left + REVEAL_END_GRACE_MS, REVEAL_MAX_WAIT_MS)
}
