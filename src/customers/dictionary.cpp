#include "customers/dictionary.h"

#include <boost/json.hpp>

#include <regex>

#include "customers/customer_json.h"

namespace guanxi::customers {
namespace {

constexpr const char* kColumns =
    "SELECT id, dictionary, code, label, label_en, sort_order, retired, version FROM dictionary_items ";

DictionaryItem from_row(const db::Row& r) {
  return {r.integer(0), r.text(1), r.text(2), r.text(3), r.optional_text(4), r.integer(5), r.integer(6) != 0,
          r.integer(7)};
}

std::string item_detail(const DictionaryItem& item) {
  boost::json::object o{{"dictionary", item.dictionary}, {"code", item.code}, {"label", item.label},
                        {"sort_order", item.sort_order}, {"retired", item.retired}};
  return boost::json::serialize(o);
}

std::optional<Error> check_labels(const DictionaryItem& item) {
  std::vector<FieldError> errors;
  if (item.label.empty()) errors.push_back({"label", "required"});
  if (utf8_length(item.label) > 100) errors.push_back({"label", "too_long"});
  if (item.label_en && utf8_length(*item.label_en) > 100) errors.push_back({"label_en", "too_long"});
  if (!errors.empty()) return Error::validation(std::move(errors));
  return std::nullopt;
}

}  // namespace

const std::vector<DictionaryInfo>& dictionaries() {
  static const std::vector<DictionaryInfo> list = {
      {"customer_type", "客户类型", "Customer type"}, {"industry", "行业", "Industry"},
      {"source", "客户来源", "Source"},              {"nature", "企业性质", "Ownership nature"},
      {"position", "职务", "Position"},
  };
  return list;
}

bool is_dictionary(std::string_view name) {
  for (const auto& d : dictionaries()) {
    if (name == d.name) return true;
  }
  return false;
}

Result<std::vector<DictionaryItem>> DictionaryService::items(std::string_view dictionary) {
  if (!is_dictionary(dictionary)) return fail(Error::not_found());
  auto c = database_.acquire();
  std::vector<DictionaryItem> items;
  for (const auto& row :
       c->query(std::string(kColumns) + "WHERE dictionary = ? ORDER BY sort_order, id", {std::string(dictionary)}).rows) {
    items.push_back(from_row(row));
  }
  return items;
}

std::optional<DictionaryItem> DictionaryService::find(db::Connection& c, std::string_view dictionary,
                                                      std::string_view code) {
  auto rows = c.query(std::string(kColumns) + "WHERE dictionary = ? AND code = ?",
                      {std::string(dictionary), std::string(code)});
  if (rows.empty()) return std::nullopt;
  return from_row(rows.rows[0]);
}

Result<DictionaryItem> DictionaryService::add(const auth::Principal& actor, const DictionaryItem& input,
                                              const auth::ClientInfo& client) {
  if (!is_dictionary(input.dictionary)) return fail(Error::not_found());
  static const std::regex code_pattern("^[A-Za-z0-9_]{1,64}$");
  auto invalid = check_labels(input);
  if (!std::regex_match(input.code, code_pattern)) {
    if (!invalid) invalid = Error::validation({});
    invalid->errors.push_back({"code", "invalid_format"});
  }
  if (invalid) return fail(*invalid);
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  if (find(*c, input.dictionary, input.code)) return fail(Error::make(409, "duplicate_dictionary_code", {input.code}));
  c->query(
      "INSERT INTO dictionary_items (dictionary, code, label, label_en, sort_order, retired) VALUES (?, ?, ?, ?, ?, 0)",
      {input.dictionary, input.code, input.label,
       input.label_en ? db::Value(*input.label_en) : db::Value(db::Null{}), input.sort_order});
  auto created = *find(*c, input.dictionary, input.code);
  audit_.record(*c, {actor.user_id, actor.username, "dictionary.item_added",
                     "dictionary:" + input.dictionary + "/" + input.code, client.ip, client.user_agent,
                     item_detail(created)});
  tx.commit();
  return created;
}

Result<DictionaryItem> DictionaryService::update(const auth::Principal& actor, std::string_view dictionary,
                                                 std::string_view code, const DictionaryItemChange& change,
                                                 int64_t expected_version, const auth::ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto current = find(*c, dictionary, code);
  if (!current) return fail(Error::not_found());
  if (current->version != expected_version) return fail(Error::make(409, "version_conflict"));
  DictionaryItem next = *current;
  if (change.label) next.label = *change.label;
  if (change.label_en) next.label_en = *change.label_en;
  if (change.sort_order) next.sort_order = *change.sort_order;
  if (change.retired) next.retired = *change.retired;
  if (auto invalid = check_labels(next)) return fail(*invalid);
  auto updated = c->query(
      "UPDATE dictionary_items SET label = ?, label_en = ?, sort_order = ?, retired = ?, version = version + 1 "
      "WHERE id = ? AND version = ?",
      {next.label, next.label_en ? db::Value(*next.label_en) : db::Value(db::Null{}), next.sort_order,
       int64_t{next.retired ? 1 : 0}, current->id, expected_version});
  if (updated.affected_rows != 1) return fail(Error::make(409, "version_conflict"));
  auto stored = *find(*c, dictionary, code);
  boost::json::object detail{{"before", boost::json::parse(item_detail(*current))},
                             {"after", boost::json::parse(item_detail(stored))}};
  audit_.record(*c, {actor.user_id, actor.username, "dictionary.item_changed",
                     "dictionary:" + std::string(dictionary) + "/" + std::string(code), client.ip, client.user_agent,
                     boost::json::serialize(detail)});
  tx.commit();
  return stored;
}

}  // namespace guanxi::customers
