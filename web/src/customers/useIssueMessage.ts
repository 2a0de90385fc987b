// The message shown for a form issue (customers/formIssues.ts), in the UI language.
import { useI18n } from 'vue-i18n'
import type { Issue } from './formIssues'

export function useIssueMessage() {
  const { t, te } = useI18n()
  return (field: string, issue: Issue): string => {
    if (field === 'name') return t(issue.code === 'too_long' ? 'customers.form.nameTooLong' : 'customers.form.nameRequired')
    if (issue.checksumOnly && te(`customers.errors.checksum_${field}`)) return t(`customers.errors.checksum_${field}`)
    if (issue.verdict === 'invalid_date' || issue.verdict === 'invalid_region') return t(`customers.errors.${issue.verdict}`)
    return te(`customers.errors.${issue.code}`) ? t(`customers.errors.${issue.code}`) : issue.code
  }
}
