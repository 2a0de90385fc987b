// Simplified Chinese messages (default language), split per module under ./zh-CN/.
// Each English module is typed as its Chinese counterpart, so a missing or extra key fails `vue-tsc`.
// Modules must not share a top-level key (the spread would silently overwrite it): see modules.test.ts.
import shell from './zh-CN/shell'
import admin from './zh-CN/admin'
import customers from './zh-CN/customers'
import planner from './zh-CN/planner'
import approvals from './zh-CN/approvals'
import shared from './zh-CN/shared'

export const zhCNModules = { shell, admin, customers, planner, approvals, shared }

const zhCN = { ...shell, ...admin, ...customers, ...planner, ...approvals, ...shared }

export type Messages = typeof zhCN
export default zhCN
