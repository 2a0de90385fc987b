import { describe, expect, it, vi } from 'vitest'

// http.ts pulls in Element Plus and the locales: a stand-in keeps this a unit test.
vi.mock('./http', () => ({ getFile: vi.fn() }))
const { exportAnswerOf } = await import('./customerExport')

const file = (status: number, headers: Record<string, string>, body: string) => ({ status, headers: new Headers(headers), blob: new Blob([body]) })

describe('the export answer', () => {
  it('a 200 is the file as sent, named by Content-Disposition, with its row count', async () => {
    const answer = await exportAnswerOf(file(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="customers-20261207.csv"',
      'X-Export-Rows': '3',
    }, '\uFEFF客户名称\r\n'))
    expect(answer.kind).toBe('file')
    if (answer.kind !== 'file') return
    expect(answer.filename).toBe('customers-20261207.csv')
    expect(answer.rows).toBe(3)
    // The bytes as sent, byte-order mark included (Blob.text() would drop it).
    expect([...new Uint8Array(await answer.blob.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })
  it('a file without a name or count is named by its type', async () => {
    const answer = await exportAnswerOf(file(200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, 'PK'))
    expect(answer).toMatchObject({ kind: 'file', filename: 'customers.xlsx', rows: null })
  })
  it('a 202 is the approval request submitted instead', async () => {
    const approval = { id: 4, type: 'customer.export', title: '导出客户（csv，超过 1 行）', payload: { format: 'csv', query: 'format=csv' } }
    const answer = await exportAnswerOf(file(202, { 'Content-Type': 'application/json' }, JSON.stringify({ approval })))
    expect(answer).toEqual({ kind: 'approval', approval })
  })
})
