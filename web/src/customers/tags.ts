// Element Plus tag colours of the customer enums.
import type { CustomerStatus, VerificationStatus } from '../api/customers'

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export function statusTagType(status: CustomerStatus): TagType {
  return ({ potential: 'info', target: 'warning', active: 'success', lost: 'danger', deregistered: 'info' } as const)[status] ?? 'info'
}

export function verificationTagType(status: VerificationStatus): TagType {
  return ({ pending: 'info', in_progress: 'warning', passed: 'success', failed: 'danger' } as const)[status] ?? 'info'
}
