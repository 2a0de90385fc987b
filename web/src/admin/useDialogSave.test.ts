import { describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'

// http.ts (ApiError) pulls in Element Plus and the locales: a stand-in keeps this a unit test.
vi.mock('../api/http', () => ({
  ApiError: class ApiError extends Error {
    constructor(readonly problem: { status: number; code?: string; errors?: { field: string; message: string }[] }) {
      super(`HTTP ${problem.status}`)
    }
    get code() {
      return this.problem.code
    }
    get fieldErrors() {
      return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]))
    }
  },
}))
const { ApiError } = await import('../api/http')
const { useDialogSave } = await import('./useDialogSave')

function setup() {
  const open = ref(true)
  const onSaved = vi.fn()
  const onConflict = vi.fn()
  return { open, onSaved, onConflict, save: useDialogSave<{ id: number }>(open, onSaved, onConflict) }
}

describe('useDialogSave', () => {
  it('closes the dialog and hands on what was saved', async () => {
    const { open, onSaved, save } = setup()
    await save.run(async () => ({ id: 7 }))
    expect(open.value).toBe(false)
    expect(onSaved).toHaveBeenCalledWith({ id: 7 })
    expect(save.busy.value).toBe(false)
  })

  it('closes without a save event when there was nothing to save', async () => {
    const { open, onSaved, save } = setup()
    await save.run(async () => null)
    expect(open.value).toBe(false)
    expect(onSaved).not.toHaveBeenCalled()
  })

  it('saves nothing when the check fails, and clears the old field errors', async () => {
    const { open, save } = setup()
    save.fieldErrors.name = 'old'
    const write = vi.fn(async () => ({ id: 1 }))
    await save.run(write, () => false)
    expect(write).not.toHaveBeenCalled()
    expect(open.value).toBe(true)
    expect(save.fieldErrors.name).toBeUndefined()
  })

  it('puts field errors beside their fields and keeps the dialog open', async () => {
    const { open, onConflict, save } = setup()
    await save.run(async () => {
      throw new ApiError({ status: 422, code: 'validation_failed', errors: [{ field: 'name', code: 'required', message: '必填' }] })
    })
    expect(open.value).toBe(true)
    expect(save.fieldErrors.name).toBe('必填')
    expect(onConflict).not.toHaveBeenCalled()
  })

  it('closes on a version conflict for the page to reload', async () => {
    const { open, onConflict, save } = setup()
    await save.run(async () => {
      throw new ApiError({ status: 409, code: 'version_conflict' })
    })
    expect(open.value).toBe(false)
    expect(onConflict).toHaveBeenCalledOnce()
  })

  it('runs one save at a time', async () => {
    const { save } = setup()
    let finish: (v: { id: number }) => void = () => {}
    const write = vi.fn(() => new Promise<{ id: number }>((resolve) => (finish = resolve)))
    const first = save.run(write)
    await Promise.resolve()
    expect(save.busy.value).toBe(true)
    await save.run(write)
    finish({ id: 1 })
    await first
    expect(write).toHaveBeenCalledOnce()
  })
})
