import { describe, expect, it } from 'vitest'
import {
  approvedExportPath, describeExportFilters, exportColumnLabel, exportColumns, exportParams, exportPath, fallbackFilename,
  filenameFromDisposition, parseExportQuery, revealReasonIssue, type QueryLabels,
} from './export'
import { DEFAULT_COLUMNS } from './columns'
import { emptyState, stateFromQuery } from './listQuery'

describe('export columns from the list layout', () => {
  it('starts with the name and maps the list keys to the export keys, in order', () => {
    expect(exportColumns([...DEFAULT_COLUMNS], {})).toEqual([
      'name', 'code', 'kind', 'status', 'grade', 'owner_name', 'region_name', 'verification_status', 'updated_at',
    ])
  })
  it('exports the phone column as mobile and phone, custom columns as they are', () => {
    expect(exportColumns(['phone', 'custom.level', 'tags', 'industry'], {})).toEqual(['name', 'mobile', 'phone', 'custom.level', 'tags', 'industry'])
  })
  it('leaves out fields hidden from the user', () => {
    const rules = { mobile: 'hidden', region_code: 'hidden', 'custom.level': 'hidden' } as const
    expect(exportColumns(['phone', 'region', 'custom.level', 'grade'], rules)).toEqual(['name', 'phone', 'grade'])
  })
  it('names each key once', () => {
    expect(exportColumns(['code', 'code', 'phone'], {})).toEqual(['name', 'code', 'mobile', 'phone'])
  })
})

describe('export query from the list state', () => {
  it('carries search, filters, custom filters and sort, then format and columns; no limit or cursor', () => {
    const state = { ...stateFromQuery({ q: ' 华为 ', grade: 'A', status: 'active', owner_id: '7', region_code: '440300', 'custom.level': 'gold' }), sort: 'name' as const }
    const params = exportParams(state, { format: 'csv', columns: ['name', 'code', 'mobile'] })
    expect(params).toEqual({
      q: '华为', status: 'active', grade: 'A', owner_id: '7', region_code: '440300', sort: 'name', 'custom.level': 'gold',
      format: 'csv', columns: 'name,code,mobile',
    })
    expect(params).not.toHaveProperty('limit')
    expect(params).not.toHaveProperty('cursor')
  })
  it('sends the default sort and no empty filter', () => {
    expect(exportParams(emptyState(), { format: 'xlsx', columns: null })).toEqual({ sort: 'updated_desc', format: 'xlsx' })
  })
  it('all visible fields: no columns parameter (nor for an empty list)', () => {
    expect(exportParams(emptyState(), { format: 'xlsx', columns: [] })).not.toHaveProperty('columns')
  })
  it('adds the reveal reason trimmed, and only when there is one', () => {
    expect(exportParams(emptyState(), { format: 'csv', columns: null, revealReason: '  年度核对 ' }).reveal_reason).toBe('年度核对')
    expect(exportParams(emptyState(), { format: 'csv', columns: null, revealReason: '   ' })).not.toHaveProperty('reveal_reason')
    expect(exportParams(emptyState(), { format: 'csv', columns: null, revealReason: null })).not.toHaveProperty('reveal_reason')
  })
  it('builds the paths', () => {
    expect(exportPath({ q: '华 为', format: 'csv', columns: 'name,code' })).toBe('/api/v1/customers/export?q=%E5%8D%8E+%E4%B8%BA&format=csv&columns=name%2Ccode')
    expect(approvedExportPath(12)).toBe('/api/v1/customers/export?approval_id=12')
  })
})

describe('reveal reason', () => {
  it('is required and at most 500 characters (code points)', () => {
    expect(revealReasonIssue('')).toBe('required')
    expect(revealReasonIssue('  \n ')).toBe('required')
    expect(revealReasonIssue('核对')).toBeUndefined()
    expect(revealReasonIssue('字'.repeat(500))).toBeUndefined()
    expect(revealReasonIssue('字'.repeat(501))).toBe('too_long')
    expect(revealReasonIssue('😀'.repeat(500))).toBeUndefined()
    expect(revealReasonIssue(` ${'a'.repeat(500)} `)).toBeUndefined()
  })
})

describe('file name of Content-Disposition', () => {
  it('reads the quoted name the server sends', () => {
    expect(filenameFromDisposition('attachment; filename="customers-20261207.csv"')).toBe('customers-20261207.csv')
  })
  it('reads a bare name and escaped quotes', () => {
    expect(filenameFromDisposition('attachment; filename=customers-20261207.xlsx')).toBe('customers-20261207.xlsx')
    expect(filenameFromDisposition('attachment; filename="a \\"b\\".csv"')).toBe('a "b".csv')
  })
  it('prefers filename* (RFC 5987, UTF-8)', () => {
    expect(filenameFromDisposition("attachment; filename=\"customers.csv\"; filename*=UTF-8''%E5%AE%A2%E6%88%B7.csv")).toBe('客户.csv')
    expect(filenameFromDisposition("attachment; filename*=utf-8'zh'%E5%AE%A2%E6%88%B7.xlsx")).toBe('客户.xlsx')
  })
  it('falls back from a broken filename* to filename', () => {
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E5%AE; filename=\"x.csv\"")).toBe('x.csv')
  })
  it('drops folders and gives null without a name', () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd')
    expect(filenameFromDisposition('attachment; filename="C:\\\\temp\\\\x.csv"')).toBe('x.csv')
    expect(filenameFromDisposition('attachment')).toBeNull()
    expect(filenameFromDisposition('attachment; filename=""')).toBeNull()
    expect(filenameFromDisposition(null)).toBeNull()
  })
  it('names a file without one by its content type', () => {
    expect(fallbackFilename('text/csv; charset=utf-8')).toBe('customers.csv')
    expect(fallbackFilename('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('customers.xlsx')
    expect(fallbackFilename(null)).toBe('customers')
  })
})

describe('a stored export query, as the approval shows it', () => {
  const messages: Record<string, string> = {
    'customers.export.search': '搜索',
    'customers.export.userNo': '用户 #{id}',
    'customers.list.sort': '排序',
    'customers.field.grade': '客户等级',
    'customers.field.status': '客户状态',
    'customers.field.owner_id': '负责人',
    'customers.field.name': '客户名称',
    'customers.field.mobile': '手机',
    'customers.field.owner_name': '负责人',
    'customers.status.active': '现实客户',
    'customers.sort.name': '按名称（拼音）',
  }
  const labels: QueryLabels = {
    t: (key, params) => Object.entries(params ?? {}).reduce((text, [k, v]) => text.replace(`{${k}}`, String(v)), messages[key] ?? key),
    te: (key) => key in messages,
    customLabel: (key) => (key === 'level' ? '客户级别' : key),
    customValue: (key, value) => (key === 'level' && value === 'gold' ? '金牌' : value),
    userName: (id) => (id === 7 ? '李部长' : null),
  }

  it('splits filters from columns and leaves out format, reason, limit and cursor', () => {
    const q = 'q=%E5%8D%8E%E4%B8%BA&status=active&sort=name&format=csv&columns=name,mobile,custom.level&reveal_reason=x&limit=30&cursor=abc'
    expect(parseExportQuery(q)).toEqual({
      filters: [['q', '华为'], ['status', 'active'], ['sort', 'name']],
      columns: ['name', 'mobile', 'custom.level'],
    })
    expect(parseExportQuery('?format=xlsx')).toEqual({ filters: [], columns: null })
    expect(parseExportQuery(undefined)).toEqual({ filters: [], columns: null })
  })
  it('labels filters and their values', () => {
    const { filters } = parseExportQuery('q=%E5%8D%8E%E4%B8%BA&status=active&grade=A&owner_id=7&custom.level=gold&sort=name&industry=J&owner_id=9')
    expect(describeExportFilters(filters, labels)).toEqual([
      { key: 'q', label: '搜索', value: '华为' },
      { key: 'status', label: '客户状态', value: '现实客户' },
      { key: 'grade', label: '客户等级', value: 'A' },
      { key: 'owner_id', label: '负责人', value: '李部长' },
      { key: 'custom.level', label: '客户级别', value: '金牌' },
      { key: 'sort', label: '排序', value: '按名称（拼音）' },
      { key: 'industry', label: 'industry', value: 'J' },
      { key: 'owner_id', label: '负责人', value: '用户 #9' },
    ])
  })
  it('labels column keys', () => {
    expect(['name', 'owner_name', 'custom.level', 'nope'].map((k) => exportColumnLabel(k, labels))).toEqual(['客户名称', '负责人', '客户级别', 'nope'])
  })
})
