// What the sections of the customer form share (provided by CustomerFormView).
import { inject, type InjectionKey } from 'vue'
import type { Customer } from '../api/customers'
import type { CustomerForm } from './form'

export interface FormContext {
  form: CustomerForm
  /** The record as loaded (null when creating). */
  original: Customer | null
  isCreate: boolean
  /** The message to show under a form item ('' for none). */
  errorOf: (item: string) => string
  /** Marks an item as visited, so its live check is shown from now on. */
  touch: (item: string) => void
  /** Why an item may not be edited ('' when it may). */
  readonlyReason: (item: string) => string
  /** The user's field rules hide the item (ADR 0015): the form neither shows nor sends it. */
  isHidden: (item: string) => boolean
}

export const FORM_CONTEXT: InjectionKey<FormContext> = Symbol('customer-form')

export function useFormContext(): FormContext {
  const ctx = inject(FORM_CONTEXT)
  if (!ctx) throw new Error('customer form section outside CustomerFormView')
  return ctx
}
