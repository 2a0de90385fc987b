// A complete customer for unit tests (not a test file itself).
import type { Customer } from '../api/customers'

export function sampleCustomer(over: Partial<Customer> = {}): Customer {
  return {
    id: 7, code: 'KH2026000007', kind: 'organization', name: '华为技术有限公司', short_name: '华为',
    id_type: null, id_number: null, uscc: '914403001922038216', org_code: null, identity_override_reason: null,
    phone: '0755-28780808', mobile: null, fax: null, email: 'info@huawei.com', website: null,
    region_code: '440307', region_name: '广东省 深圳市 龙岗区', address: '坂田华为基地', postal_code: '518129',
    birthday: null, birthday_reminder: false, gender: null, legal_representative: '赵明路', business_scope: '通信设备', staff_size: '10000+',
    founded_on: '1987-09-15', registered_capital_fen: 4_041_113_182_00,
    customer_type: 'end_customer', industry: 'I', source: 'walk_in', nature: 'private',
    status: 'active', deregister_reason: null, deregistered_at: null, grade: 'A', suggested_grade: 'A', suggested_grade_reason: '价值层级为 VIP',
    value_tier: 'vip', settlement: 'credit', customer_class: 'social', strategic: true, route: 'R01', star_rating: 5,
    importance: 5, friendliness: 4, satisfaction: 4,
    service_region: null, sales_capacity: null, potential: null, management_style: null,
    performance: null, cooperation_attitude: null, competitor_relation: null,
    credit_standing: '良好', trading_terms: null, credit_problems: null,
    list_status: 'none', list_reason: null, list_decided_by: null, list_decided_at: null,
    verification_status: 'pending', identity_locked: false, abnormal: false, replaced_by_id: null, replaces_id: null,
    owner_id: 3, owner_name: '李雷', collected_by: 3, entered_by: 3, reviewed_by: null,
    tags: ['重点'], custom: {}, masked: false, revealable: false, revealed_until: null, version: 4, created_at: 1_790_000_000_000, updated_at: 1_790_000_100_000,
    ...over,
  }
}
