// Custom fields of customers 自定义字段 (CUS-6): GET/POST /api/v1/custom-fields and
// PATCH /api/v1/custom-fields/{id} of docs/openapi.yaml. Every signed-in user reads the
// definitions (forms, the detail page, list columns and filters); dictionary.manage
// defines and changes them. A change sends the definition's `version` in the body.
import { http, type RequestOptions } from './http'

export type CustomFieldType = 'text' | 'number' | 'date' | 'choice' | 'multi_choice'
export const CUSTOM_FIELD_TYPES: readonly CustomFieldType[] = ['text', 'number', 'date', 'choice', 'multi_choice']

export type CustomAppliesTo = 'all' | 'individual' | 'organization'
export const CUSTOM_APPLIES_TO: readonly CustomAppliesTo[] = ['all', 'individual', 'organization']

export interface CustomOption {
  code: string
  label: string
  label_en?: string
  retired?: boolean
}

export interface CustomField {
  id: number
  key: string
  type: CustomFieldType
  label: string
  label_en: string
  options: CustomOption[]
  required: boolean
  unique: boolean
  pattern: string | null
  applies_to: CustomAppliesTo
  sort_order: number
  status: 'active' | 'retired'
  version: number
  created_at: number
  updated_at: number
}

export interface CustomFieldInput {
  key?: string
  type?: CustomFieldType
  label?: string
  label_en?: string
  options?: CustomOption[]
  required?: boolean
  unique?: boolean
  pattern?: string | null
  applies_to?: CustomAppliesTo
  sort_order?: number
  status?: 'active' | 'retired'
  version?: number
}

const BASE = '/api/v1/custom-fields'

export const customFieldsApi = {
  list: (options?: RequestOptions) => http.get<{ items: CustomField[] }>(BASE, options),
  create: (body: CustomFieldInput, options?: RequestOptions) => http.post<CustomField>(BASE, body, options),
  update: (id: number, body: CustomFieldInput & { version: number }, options?: RequestOptions) =>
    http.patch<CustomField>(`${BASE}/${id}`, body, options),
}
