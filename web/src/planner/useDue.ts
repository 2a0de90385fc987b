// The due list of the header bell (GET /reminders/due?days=7), shared: the bell reads it on
// navigation and every few minutes, the planner pages after each change.
import { remindersApi } from '../api/planner'
import { useLoader } from '../useLoader'

export const DUE_DAYS = 7

const loader = useLoader(() => remindersApi.due(DUE_DAYS, { notify: false }))

export const due = loader.data
export const dueFailed = loader.failed
export const refreshDue = loader.load
