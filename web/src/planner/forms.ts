// The add / edit dialogs of reminders and daily notes reuse the customer records' editor
// (customers/useSubRecordEditor.ts): these specs say what they send, `ownRoutes` adapts
// the caller's own routes (no customer in the path).
import type { SubRecordBody, SubRecordRoutes } from '../customers/useSubRecordEditor'
import { todayIso, type SubRecordSpec } from '../customers/subRecordForm'
import type { RequestOptions } from '../api/http'
import { defaultRemindAt } from './planner'

export const REMINDER_SPEC: SubRecordSpec = {
  fields: ['title', 'remind_at', 'repeat', 'customer_id', 'note'],
  flags: [],
  sensitive: [],
  required: 'title',
  defaults: () => ({ repeat: 'none', remind_at: defaultRemindAt() }),
}

export const DAILY_NOTE_SPEC: SubRecordSpec = {
  fields: ['note_date', 'content'],
  flags: [],
  sensitive: [],
  required: 'content',
  defaults: () => ({ note_date: todayIso() }),
}

interface OwnRoutes<R> {
  create(body: SubRecordBody, options?: RequestOptions): Promise<R>
  update(id: number, version: number, body: SubRecordBody, options?: RequestOptions): Promise<R>
}

export function ownRoutes<R>(api: OwnRoutes<R>): SubRecordRoutes<R> {
  return {
    create: (_customerId, body, options) => api.create(body, options),
    update: (_customerId, id, version, body, options) => api.update(id, version, body, options),
  }
}
