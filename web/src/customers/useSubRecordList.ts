// The list of a contacts, accounts or notes tab (and of the planner's own records, paged by
// cursor): loading it, its add / edit dialog, removal after a confirmation, and what a
// refused change does to it (customers/subRecordRules.ts):
// an outdated list is reloaded with the server's message (version_conflict and friends,
// CUS-10); a customer deregistered or replaced meanwhile leaves the tab read-only until the
// page is opened again.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import type { SubRecordList } from '../api/customers'
import { ApiError } from '../api/http'
import { problemKind } from './subRecordRules'

type Fetched<T> = Pick<SubRecordList<T>, 'items'> & Partial<SubRecordList<T>> & { next_cursor?: string | null }

/**
 * `fetch` reads the list (its first page when paged); `fetchMore`, for a paged list, the
 * page after the server's cursor, appended by `loadMore`.
 */
export function useSubRecordList<T>(fetch: () => Promise<Fetched<T>>, fetchMore?: (cursor: string) => Promise<Fetched<T>>) {
  const { t } = useI18n()
  const items = shallowRef<T[]>([])
  /** Sensitive values are masked for this user (SEC-3). */
  const masked = ref(false)
  /** This user may reveal the customer (and then see the list in full). */
  const revealable = ref(false)
  const state = ref<'loading' | 'ready' | 'failed'>('loading')
  /** A change is on its way (buttons wait). */
  const busy = ref(false)
  /** The customer answered customer_deregistered / customer_abnormal to a change. */
  const frozen = ref(false)
  /** The cursor of the next page of a paged list; null on the last one. */
  const nextCursor = ref<string | null>(null)
  let requestNo = 0

  async function load() {
    const mine = ++requestNo
    if (state.value !== 'ready') state.value = 'loading'
    try {
      const list = await fetch()
      if (mine !== requestNo) return
      items.value = list.items ?? []
      nextCursor.value = list.next_cursor ?? null
      masked.value = list.masked === true
      revealable.value = list.revealable === true
      state.value = 'ready'
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (mine === requestNo) state.value = 'failed'
    }
  }

  /** Appends the next page of a paged list. */
  async function loadMore() {
    const cursor = nextCursor.value
    if (!fetchMore || !cursor || busy.value) return
    const mine = ++requestNo
    busy.value = true
    try {
      const page = await fetchMore(cursor)
      if (mine !== requestNo) return
      items.value = [...items.value, ...(page.items ?? [])]
      nextCursor.value = page.next_cursor ?? null
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      ElMessage.error(error.message)
    } finally {
      busy.value = false
    }
  }

  /** Shows why a change was refused (the server's own message) and reloads when the list is outdated. */
  function reportProblem(error: unknown) {
    if (!(error instanceof ApiError)) throw error
    const kind = problemKind(error.code)
    if (kind === 'stale' || kind === 'frozen') {
      if (kind === 'frozen') frozen.value = true
      ElMessage.warning(error.message)
      void load()
    } else {
      ElMessage.error(error.message)
    }
  }

  /** After a change: says so and shows the list as it is now. */
  function done(message: string) {
    ElMessage.success(message)
    void load()
  }

  /**
   * Runs one change (or a few in a row); success says `message` (or what it makes of the
   * change's answer) and reloads, failure is reported.
   */
  async function run<R>(change: () => Promise<R>, message: string | ((result: R) => string)): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    try {
      const result = await change()
      done(typeof message === 'string' ? message : message(result))
      return true
    } catch (error) {
      reportProblem(error)
      return false
    } finally {
      busy.value = false
    }
  }

  /** After the dialog saved: "added" for a new record, "saved" for an edit, and the list reloaded. */
  function saved(created: boolean, addedMessage: string) {
    done(created ? addedMessage : t('common.saved'))
  }

  /** Runs a removal once the user confirmed it in a warning box (`question`). */
  async function removeConfirmed(question: { title: string; message: string }, change: () => Promise<unknown>, message: string): Promise<boolean> {
    try {
      await ElMessageBox.confirm(question.message, question.title, {
        type: 'warning', confirmButtonText: t('common.delete'), cancelButtonText: t('common.cancel'),
      })
    } catch {
      return false
    }
    return run(change, message)
  }

  // ---- the add / edit dialog ----
  const dialogOpen = ref(false)
  /** The record the dialog edits; null adds one. */
  const editing = shallowRef<T | null>(null)
  function openDialog(record: T | null) {
    editing.value = record
    dialogOpen.value = true
  }

  return {
    items, masked, revealable, state, busy, frozen, nextCursor, load, loadMore, reportProblem, done, run, saved, removeConfirmed,
    dialogOpen, editing, openDialog,
  }
}
