// When the contacts and accounts tabs offer changes, what a refused change means for the
// list, and which accounts lose "default" when another becomes it. Pure
// (subRecordRules.test.ts).
import type { Customer } from '../api/customers'

/**
 * Contacts and accounts follow their customer (docs/customers.md, 联系人与账户): changing
 * them needs customer.update, and an abnormal (replaced, CUS-11) or deregistered (CUS-8)
 * customer only shows them (409 customer_abnormal / customer_deregistered).
 */
export function canMaintain(customer: Pick<Customer, 'abnormal' | 'status'>, hasUpdatePermission: boolean): boolean {
  return hasUpdatePermission && !customer.abnormal && customer.status !== 'deregistered'
}

/**
 * - `stale`: the list shows an outdated record (changed: version_conflict; removed:
 *   not_found; cancelled meanwhile: account_cancelled) — reload it (CUS-10);
 * - `frozen`: the customer itself no longer takes changes — reload and offer none;
 * - `fields`: field errors, shown under their items;
 * - `other`: anything else (forbidden, network …), the server's message only.
 */
export type ProblemKind = 'stale' | 'frozen' | 'fields' | 'other'

const STALE = new Set(['version_conflict', 'not_found', 'account_cancelled'])
const FROZEN = new Set(['customer_deregistered', 'customer_abnormal'])

export function problemKind(code: string | undefined, hasFieldErrors = false): ProblemKind {
  if (code && STALE.has(code)) return 'stale'
  if (code && FROZEN.has(code)) return 'frozen'
  return hasFieldErrors ? 'fields' : 'other'
}

/**
 * The accounts still marked default besides `defaultId` (CUS-7), to un-mark so that one
 * remains. Cancelled accounts take no changes (409 account_cancelled) and are left as
 * they are.
 */
export function otherDefaults<A extends { id: number; is_default: boolean; status: string }>(accounts: readonly A[], defaultId: number): A[] {
  return accounts.filter((a) => a.id !== defaultId && a.is_default && a.status === 'active')
}
