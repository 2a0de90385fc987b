#pragma once
// Storage of custom field definitions (`custom_fields`) and of the value
// index (`customer_custom_values`: field key, value text, customer id) that
// serves uniqueness and list filters on both engines (CUS-6).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "customers/custom_field.h"
#include "db/database.h"

namespace guanxi::customers::custom_field_repository {

std::vector<CustomField> list(db::Connection& c);
std::optional<CustomField> find(db::Connection& c, int64_t id);
bool key_exists(db::Connection& c, const std::string& key);
int64_t insert(db::Connection& c, const CustomField& field);
void update(db::Connection& c, const CustomField& field);

// (field key, value text) pairs of one customer, replacing what it had.
void replace_index(db::Connection& c, int64_t customer_id, const std::vector<std::pair<std::string, std::string>>& rows);
// Another customer holding this value, if any.
std::optional<int64_t> value_holder(db::Connection& c, const std::string& key, const std::string& value,
                                    int64_t except_customer_id);
// Whether two customers share a value of this field.
bool has_shared_value(db::Connection& c, const std::string& key);

}  // namespace guanxi::customers::custom_field_repository
