// Tables of the customer module: customers, their change history, the code
// counters, the search terms, the dictionaries (CUS-1…CUS-21), contacts and accounts.
#include "customers/customer_migrations.h"

namespace guanxi::customers {

std::vector<db::Migration> migrations() {
  return {{6, "customers", R"SQL(
CREATE TABLE customers (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  short_name TEXT,
  name_norm {{bytes}} NOT NULL,
  name_sort_key {{bytes}} NOT NULL,
  id_type TEXT,
  id_number TEXT,
  uscc TEXT,
  org_code TEXT,
  identity_override_reason TEXT,
  phone TEXT,
  mobile TEXT,
  fax TEXT,
  email TEXT,
  website TEXT,
  region_code TEXT,
  address TEXT,
  postal_code TEXT,
  birthday TEXT,
  gender TEXT,
  legal_representative TEXT,
  business_scope TEXT,
  staff_size TEXT,
  founded_on TEXT,
  registered_capital_fen BIGINT,
  customer_type TEXT,
  industry TEXT,
  source TEXT,
  nature TEXT,
  status TEXT NOT NULL,
  deregister_reason TEXT,
  deregistered_at BIGINT,
  grade TEXT,
  suggested_grade TEXT,
  suggested_grade_reason TEXT,
  value_tier TEXT,
  settlement TEXT,
  customer_class TEXT,
  strategic BIGINT NOT NULL DEFAULT 0,
  route TEXT,
  star_rating BIGINT,
  importance BIGINT,
  friendliness BIGINT,
  satisfaction BIGINT,
  service_region TEXT,
  sales_capacity TEXT,
  potential TEXT,
  management_style TEXT,
  performance TEXT,
  cooperation_attitude TEXT,
  competitor_relation TEXT,
  credit_standing TEXT,
  trading_terms TEXT,
  credit_problems TEXT,
  list_status TEXT NOT NULL DEFAULT 'none',
  list_reason TEXT,
  list_decided_by BIGINT,
  list_decided_at BIGINT,
  verification_status TEXT NOT NULL DEFAULT 'pending',
  identity_locked BIGINT NOT NULL DEFAULT 0,
  abnormal BIGINT NOT NULL DEFAULT 0,
  replaced_by_id BIGINT,
  replaces_id BIGINT,
  owner_id BIGINT NOT NULL REFERENCES users (id),
  collected_by BIGINT REFERENCES users (id),
  entered_by BIGINT NOT NULL REFERENCES users (id),
  reviewed_by BIGINT REFERENCES users (id),
  tags TEXT NOT NULL DEFAULT '[]',
  custom TEXT NOT NULL DEFAULT '{}',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- CUS-2: one live record per identity; an abnormal record (CUS-11) is history.
CREATE UNIQUE INDEX customers_person_identity ON customers (id_type, id_number)
  WHERE id_number IS NOT NULL AND abnormal = 0;
CREATE UNIQUE INDEX customers_uscc ON customers (uscc) WHERE uscc IS NOT NULL AND abnormal = 0;
CREATE UNIQUE INDEX customers_org_code ON customers (org_code) WHERE org_code IS NOT NULL AND abnormal = 0;
CREATE INDEX customers_id_number ON customers (id_number);
CREATE INDEX customers_uscc_any ON customers (uscc);
CREATE INDEX customers_org_code_any ON customers (org_code);
CREATE INDEX customers_owner ON customers (owner_id, id);
CREATE INDEX customers_updated ON customers (updated_at, id);
CREATE INDEX customers_created ON customers (created_at, id);
CREATE INDEX customers_name_norm ON customers (name_norm, id);
CREATE INDEX customers_name_sort ON customers (name_sort_key, id);
CREATE INDEX customers_phone ON customers (phone);
CREATE INDEX customers_mobile ON customers (mobile);

-- CUS-10: who, when, which field, old and new value.
CREATE TABLE customer_history (
  id {{id}},
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  at BIGINT NOT NULL,
  user_id BIGINT,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  field TEXT,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX customer_history_customer ON customer_history (customer_id, id);
CREATE INDEX customer_history_at ON customer_history (at);

-- DOC-6: one counter per expanded code prefix (e.g. KH2026), so {yyyy} rules restart yearly.
CREATE TABLE customer_code_counters (
  prefix TEXT PRIMARY KEY,
  last_value BIGINT NOT NULL
);

-- CUS-14, ADR 0010: an inverted index of search terms, a plain B-tree on both engines.
CREATE TABLE customer_search_terms (
  term {{bytes}} NOT NULL,
  customer_id BIGINT NOT NULL,
  PRIMARY KEY (term, customer_id)
){{without_rowid}};
CREATE INDEX customer_search_terms_customer ON customer_search_terms (customer_id, term);

-- CUS-5: admin-managed value lists; retired values stay readable on old records.
CREATE TABLE dictionary_items (
  id {{id}},
  dictionary TEXT NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  label_en TEXT,
  sort_order BIGINT NOT NULL DEFAULT 0,
  retired BIGINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (dictionary, code)
);
)SQL" + std::string(seed_dictionaries_sql()),
           "",
           ""},
          {7, "customer contacts and accounts", R"SQL(
-- CUS-4: the people at a customer.
CREATE TABLE customer_contacts (
  id {{id}},
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  name TEXT NOT NULL,
  name_norm {{bytes}} NOT NULL,
  gender TEXT,
  title TEXT,
  position TEXT,
  department TEXT,
  mobile TEXT,
  phone TEXT,
  email TEXT,
  wechat TEXT,
  birthday TEXT,
  birthday_reminder BIGINT NOT NULL DEFAULT 0,
  hobbies TEXT,
  decision_maker BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',
  notes TEXT,
  created_by BIGINT REFERENCES users (id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX customer_contacts_customer ON customer_contacts (customer_id, id);

-- CUS-7: billing and settlement accounts; cancelled, never deleted.
CREATE TABLE customer_accounts (
  id {{id}},
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  account_name TEXT NOT NULL,
  bank_name TEXT,
  account_number TEXT,
  tax_number TEXT,
  purpose TEXT,
  is_default BIGINT NOT NULL DEFAULT 0,
  notes TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  cancel_reason TEXT,
  cancelled_with_customer BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES users (id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX customer_accounts_customer ON customer_accounts (customer_id, id);

-- CUS-8: restoring returns to the status before deregistering, kept on the record.
ALTER TABLE customers ADD COLUMN status_before_deregister TEXT;
)SQL",
           "",
           ""},
          {9, "custom fields", R"SQL(
-- CUS-6: attributes defined by administrators; values are in customers.custom.
CREATE TABLE custom_fields (
  id {{id}},
  key TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  label TEXT NOT NULL,
  label_en TEXT,
  options TEXT NOT NULL DEFAULT '[]',
  required BIGINT NOT NULL DEFAULT 0,
  is_unique BIGINT NOT NULL DEFAULT 0,
  pattern TEXT,
  applies_to TEXT NOT NULL DEFAULT 'all',
  sort_order BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- One row per value (per code of a multiple choice): uniqueness and filters.
CREATE TABLE customer_custom_values (
  field_key TEXT NOT NULL,
  value {{bytes}} NOT NULL,
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  PRIMARY KEY (field_key, value, customer_id)
){{without_rowid}};
CREATE INDEX customer_custom_values_customer ON customer_custom_values (customer_id);
)SQL",
           "",
           ""},
          {10, "customer list indexes per owner", R"SQL(
-- SEC-2: a scoped list pages through one owner's customers in each sort order
-- without sorting them all (bench/results/2026-11-23-customers-1000000.md).
CREATE INDEX customers_owner_updated ON customers (owner_id, updated_at, id);
CREATE INDEX customers_owner_created ON customers (owner_id, created_at, id);
CREATE INDEX customers_owner_name ON customers (owner_id, name_sort_key, id);
DROP INDEX customers_owner;
)SQL",
           "",
           ""},
          {11, "customer notes and birthday reminders", R"SQL(
-- CUS-18, CUS-20: notes, significant contacts, major events and cooperation
-- records on a customer's timeline. The author's name and unit are kept as
-- they were when it was written: which department recorded it is the point.
CREATE TABLE customer_notes (
  id {{id}},
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  content TEXT,
  occurred_on TEXT NOT NULL,
  end_on TEXT,
  amount BIGINT,
  author_name TEXT,
  unit_id BIGINT,
  unit_name TEXT,
  created_by BIGINT REFERENCES users (id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX customer_notes_customer ON customer_notes (customer_id, id);

-- CUS-16: an individual customer's own birthday reminder switch (contacts have theirs).
ALTER TABLE customers ADD COLUMN birthday_reminder BIGINT NOT NULL DEFAULT 0;
)SQL",
           "",
           ""},
          {14, "customer rules set by administrators", R"SQL(
-- DOC-6, CUS-9: the code rule and the suggested-grade rules an administrator
-- set on the settings page; NULL means the server's configuration applies.
CREATE TABLE customer_settings (
  id INTEGER PRIMARY KEY,
  code_rule TEXT,
  grade_rules TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at BIGINT,
  updated_by TEXT
);
INSERT INTO customer_settings (id, version) VALUES (1, 1);
)SQL",
           "",
           ""},
          {16, "masking patterns set by the security administrator", R"SQL(
-- SEC-3, PIPL: how sensitive fields are masked; NULL means the defaults.
CREATE TABLE masking_settings (
  id INTEGER PRIMARY KEY,
  patterns TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at BIGINT,
  updated_by TEXT
);
INSERT INTO masking_settings (id, version) VALUES (1, 1);
)SQL",
           "",
           ""}};
}

}  // namespace guanxi::customers
