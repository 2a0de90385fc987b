// English messages, split per module under ./en/ (same modules and keys as ./zh-CN/).
import type { Messages } from './zh-CN'
import shell from './en/shell'
import admin from './en/admin'
import customers from './en/customers'
import planner from './en/planner'
import approvals from './en/approvals'
import shared from './en/shared'

export const enModules = { shell, admin, customers, planner, approvals, shared }

const en: Messages = { ...shell, ...admin, ...customers, ...planner, ...approvals, ...shared }

export default en
