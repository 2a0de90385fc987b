// 导出客户 (issue 5 point 6): GET /api/v1/customers/export answers with the file (200) or,
// above the server's row limit, with the approval request it submitted instead (202); an
// approved request's file is fetched with `?approval_id=`. Both go with the session cookie.
import { getFile, type FileAnswer, type RequestOptions } from './http'
import type { ApprovalRequest } from './approvals'
import { approvedExportPath, exportPath, fallbackFilename, filenameFromDisposition } from '../customers/export'

export type ExportAnswer =
  | { kind: 'file'; blob: Blob; filename: string; /** X-Export-Rows, when sent. */ rows: number | null }
  | { kind: 'approval'; approval: ApprovalRequest }

/** The answer read: the approval of a 202, else the file with its name and row count. */
export async function exportAnswerOf(answer: FileAnswer): Promise<ExportAnswer> {
  if (answer.status === 202) {
    const body = JSON.parse(await answer.blob.text()) as { approval: ApprovalRequest }
    return { kind: 'approval', approval: body.approval }
  }
  const rows = Number(answer.headers.get('X-Export-Rows') ?? NaN)
  return {
    kind: 'file',
    blob: answer.blob,
    filename: filenameFromDisposition(answer.headers.get('Content-Disposition')) ?? fallbackFilename(answer.headers.get('Content-Type')),
    rows: Number.isFinite(rows) ? rows : null,
  }
}

export const customerExportApi = {
  /** `params` from exportParams (customers/export.ts). */
  export: async (params: Record<string, string>, options?: RequestOptions) => exportAnswerOf(await getFile(exportPath(params), options)),
  /** The file of an approved export request of the caller's. */
  approved: async (approvalId: number, options?: RequestOptions) => exportAnswerOf(await getFile(approvedExportPath(approvalId), options)),
}
