#include "customers/customer_service.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "core/identity.h"
#include "customers/customer_field_rules.h"
#include "customers/customer_search.h"
#include "customers/record_checks.h"
#include "customers/sub_record.h"
#include "search/regions.h"
#include "search/search_terms.h"
#include "search/text_normalize.h"

namespace guanxi::customers {
namespace {

using auth::ClientInfo;
using auth::Principal;
namespace perm = auth::perm;

bool present(const CustomerInput& input, std::string_view key) { return input.values.contains(key); }

// Fields that only one kind of customer has (CUS-1, CUS-3).
constexpr std::string_view kOrganizationOnly[] = {"uscc",           "org_code",   "legal_representative",
                                                  "founded_on",     "registered_capital_fen", "business_scope",
                                                  "staff_size",     "nature"};
constexpr std::string_view kIndividualOnly[] = {"id_type", "id_number", "birthday", "gender"};

std::string identity_error_code(std::string_view field, const std::string& id_type) {
  if (field == "uscc") return "invalid_uscc";
  if (field == "org_code") return "invalid_org_code";
  return std::string(identity::error_code_for_id_type(id_type));
}

std::string verdict_code(identity::Verdict v) {
  switch (v) {
    case identity::Verdict::invalid_checksum: return "invalid_checksum";
    case identity::Verdict::invalid_date: return "invalid_date";
    case identity::Verdict::invalid_region: return "invalid_region";
    default: return "invalid_format";
  }
}

bool all_digits(const std::string& s, size_t length) {
  return s.size() == length && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// CUS-11: an abnormal record takes no more changes; its successor does.
Error abnormal_error(const Customer& customer) {
  return Error::make(409, "customer_abnormal", {std::to_string(customer.integer("replaced_by_id").value_or(0))});
}

std::string changed_fields_detail(const FieldValues& changes) {
  boost::json::array fields;
  for (const auto& [key, value] : changes) fields.emplace_back(key);
  return boost::json::serialize(boost::json::object{{"fields", std::move(fields)}});
}

}  // namespace

void CustomerService::record_event(db::Connection& c, const Principal& actor, const ClientInfo& client,
                                   const std::string& action, int64_t id, const std::string& detail) {
  audit_.record(c, {actor.user_id, actor.username, action, "customer:" + std::to_string(id), client.ip,
                    client.user_agent, detail});
}

std::optional<Error> CustomerService::check_record(db::Connection& c, const Principal& actor, Customer& next,
                                                   const Customer* before, const CustomerInput& input) {
  std::vector<FieldError> errors;
  std::string top_code = "validation_failed";
  const bool individual = next.text_or("kind") == "individual";

  if (next.is_null("name")) errors.push_back({"name", "required"});
  if (!before && next.is_null("kind")) errors.push_back({"kind", "required"});
  const std::span<const std::string_view> foreign_fields =
      individual ? std::span<const std::string_view>(kOrganizationOnly) : std::span<const std::string_view>(kIndividualOnly);
  for (auto key : foreign_fields) {
    if (!next.is_null(key) && present(input, key)) errors.push_back({std::string(key), "not_for_kind"});
  }
  // CUS-16: only a person has a birthday to be reminded of (an organization's contacts do).
  if (!individual && next.flag("birthday_reminder") && present(input, "birthday_reminder")) {
    errors.push_back({"birthday_reminder", "not_for_kind"});
  }
  if (next.text_or("status") == "deregistered" && present(input, "status")) {
    errors.push_back({"status", "unknown_value"});  // deregistering is its own action, with a reason
  }

  // CUS-2, CUS-12: identity numbers with checksums; a checksum-only failure
  // may be saved on purpose by a user with customer.verify, with a reason.
  if (next.is_null("id_number") != next.is_null("id_type") && (present(input, "id_number") || present(input, "id_type"))) {
    errors.push_back({next.is_null("id_type") ? "id_type" : "id_number", "required"});
  }
  const int today = business_date(clock_.now_ms());
  bool override_used = false;
  for (std::string_view key : {"id_number", "uscc", "org_code"}) {
    if (!present(input, key) && !(key == "id_number" && present(input, "id_type"))) continue;
    auto value = next.text(key);
    if (!value) continue;
    const std::string id_type = next.text_or("id_type", "other");
    identity::Checked checked = key == "uscc"       ? identity::check_uscc(*value)
                                : key == "org_code" ? identity::check_org_code(*value)
                                                    : identity::check_id_number(id_type, *value, today);
    if (checked.checksum_only() && input.override_reason) {
      if (!actor.can(perm::customer_verify)) return Error::forbidden();
      override_used = true;
    } else if (!checked.ok()) {
      errors.push_back({std::string(key), verdict_code(checked.verdict)});
      if (top_code == "validation_failed") top_code = identity_error_code(key, id_type);
      continue;
    }
    next.set(key, checked.normalized);
  }
  // The recorded reason stays while any identifier of the record still fails its check.
  bool still_overridden = false;
  for (std::string_view key : {"id_number", "uscc", "org_code"}) {
    if (next.is_null(key) || present(input, key)) continue;
    const std::string value = *next.text(key);
    still_overridden = still_overridden || (key == "uscc"       ? identity::check_uscc(value)
                                            : key == "org_code" ? identity::check_org_code(value)
                                                                : identity::check_id_number(next.text_or("id_type", "other"),
                                                                                            value, today))
                                               .checksum_only();
  }
  if (override_used) {
    next.set("identity_override_reason", *input.override_reason);
  } else if (!still_overridden) {
    next.set("identity_override_reason", db::Null{});  // a corrected identifier needs no exception any more
  }
  check_formats(c, dictionaries_, customer_fields(), input.values, next, before, today, errors);
  if (present(input, "region_code") && !next.is_null("region_code") &&
      !search::is_valid_region(*next.text("region_code"))) {
    errors.push_back({"region_code", "invalid_region"});
  }
  if (present(input, "postal_code") && !next.is_null("postal_code") && !all_digits(*next.text("postal_code"), 6)) {
    errors.push_back({"postal_code", "invalid_format"});
  }
  for (std::string_view key : {"owner_id", "collected_by"}) {
    if (!present(input, key) || next.is_null(key)) continue;
    auto user = users_.find(c, *next.integer(key));
    if (!user || user->status != "active") errors.push_back({std::string(key), "unknown_value"});
  }
  // CUS-6: custom values against the administrators' definitions; a PATCH
  // changes the members it names and keeps the others.
  {
    const auto stored = boost::json::parse(before ? before->text_or("custom", "{}") : "{}").as_object();
    boost::json::object sent;
    if (present(input, "custom")) sent = boost::json::parse(next.text_or("custom", "{}")).as_object();
    const auto merged = custom_fields_.apply_values(c, stored, present(input, "custom") ? &sent : nullptr,
                                                    next.text_or("kind"), !before || before->id != next.id, next.id,
                                                    errors);
    next.set("custom", boost::json::serialize(merged));
  }
  if (errors.empty()) return std::nullopt;
  Error error = Error::validation(std::move(errors));
  error.code = top_code;
  return error;
}

void CustomerService::derive(db::Connection& c, Customer& next) {
  const std::string name = next.name();
  next.set("name_norm", search::normalize(name));
  next.set("name_sort_key", search::collation_key(name));
  auto suggestion = rules_.current(c).grade_rules.suggest(next);  // CUS-9
  next.set("suggested_grade", suggestion.grade);
  next.set("suggested_grade_reason", suggestion.reason);
}

std::optional<Error> CustomerService::check_owner_change(db::Connection& c, const Principal& actor, int64_t from,
                                                         int64_t to) {
  if (from == to) return std::nullopt;
  // SEC-4: assigning needs a scope covering both owners; only `all` spans segments.
  auto scope = access_.owner_scope(c, actor, perm::customer_assign);
  if (!scope.covers(from) || !scope.covers(to)) return Error::forbidden();
  return std::nullopt;
}

std::unique_ptr<db::Savepoint> CustomerService::identity_savepoint(db::Connection& c, const Customer& next) {
  // SQLite has one writer: nobody can claim the identity between the check
  // and the write. On PostgreSQL a concurrent transaction can, and its unique
  // violation must still turn into duplicate_customer, not a 500.
  if (c.dialect() != db::Dialect::postgres) return nullptr;
  if (next.is_null("id_number") && next.is_null("uscc") && next.is_null("org_code")) return nullptr;
  return std::make_unique<db::Savepoint>(c, "identity_write");
}

std::optional<Error> CustomerService::check_identity_unique(db::Connection& c, const Principal& actor,
                                                            const Customer& next) {
  customer_repository::IdentityKeys keys{next.text("id_type"), next.text("id_number"), next.text("uscc"),
                                         next.text("org_code")};
  auto clash = customer_repository::find_identity_clash(c, keys, next.id);
  if (!clash) return std::nullopt;
  // CUS-2: point to the existing record, but never to one the caller may not see.
  Error error = Error::make(409, "duplicate_customer", {clash->code() + " " + clash->name()});
  if (access_.owner_scope(c, actor, perm::customer_read).covers(clash->owner_id())) {
    boost::json::object existing{{"visible", true},
                                 {"id", clash->id},
                                 {"code", clash->code()},
                                 {"name", clash->name()},
                                 {"list_status", clash->text_or("list_status", "none")}};
    error.extensions_json = boost::json::serialize(boost::json::object{{"existing", existing}});
  } else {
    error.args.clear();
    error.message_key = "duplicate_customer_hidden";
    error.extensions_json = R"({"existing":{"visible":false}})";
  }
  return error;
}

Result<Customer> CustomerService::create(const Principal& actor, const CustomerInput& input, const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto created = insert_new(*c, actor, input, client, nullptr);
  if (created) tx.commit();
  return created;
}

int64_t CustomerService::hand_over_all(db::Connection& c, const auth::Actor& actor, int64_t from, int64_t to) {
  const int64_t now = clock_.now_ms();
  const auto ids = customer_repository::change_owner_of_all(c, from, to, now);
  for (int64_t id : ids) {
    customer_repository::add_history(c, {0, id, now, actor.user_id, actor.name, "handed_over", std::string("owner_id"),
                                         std::to_string(from), std::to_string(to)});
  }
  return static_cast<int64_t>(ids.size());
}

std::vector<BatchOutcome> CustomerService::create_batch(const Principal& actor, const std::vector<CustomerInput>& inputs,
                                                       const ClientInfo& client) {
  std::vector<BatchOutcome> outcomes;
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  std::vector<customer_repository::TermRow> terms;
  for (const auto& input : inputs) {
    auto created = insert_new(*c, actor, input, client, nullptr, &terms);
    outcomes.push_back(created ? BatchOutcome{created->id, std::nullopt} : BatchOutcome{0, created.error()});
  }
  customer_repository::insert_new_search_terms(*c, terms);
  tx.commit();
  return outcomes;
}

Result<Customer> CustomerService::insert_new(db::Connection& c, const Principal& actor, const CustomerInput& input,
                                             const ClientInfo& client, const Customer* replaced,
                                             std::vector<customer_repository::TermRow>* deferred_terms) {
  Customer next;
  for (const auto& [key, value] : input.values) next.set(key, value);
  const int64_t now = clock_.now_ms();
  if (next.is_null("status")) next.set("status", std::string("potential"));
  if (next.is_null("owner_id")) next.set("owner_id", actor.user_id);  // DESIGN: the creator owns it
  next.set("entered_by", actor.user_id);                               // CUS-13
  if (next.is_null("collected_by")) next.set("collected_by", actor.user_id);
  next.set("list_status", std::string("none"));
  next.set("verification_status", std::string("pending"));
  next.set("identity_locked", int64_t{0});
  next.set("abnormal", int64_t{0});
  if (replaced) {
    next.set("replaces_id", replaced->id);
    // CUS-21: a correction must not wash a customer off the black list.
    for (std::string_view key : {"list_status", "list_reason", "list_decided_by", "list_decided_at"}) {
      next.set(key, replaced->get(key));
    }
  }
  for (std::string_view flag : {"strategic", "birthday_reminder"}) {
    if (next.is_null(flag)) next.set(flag, int64_t{0});
  }
  if (next.is_null("tags")) next.set("tags", std::string("[]"));
  if (next.is_null("custom")) next.set("custom", std::string("{}"));
  next.set("version", int64_t{1});
  next.set("created_at", now);
  next.set("updated_at", now);

  // ADR 0015: a new record leaves the caller's read-only fields as a new
  // record has them; a successor keeps those of the record it replaces.
  if (auto denied = check_field_writes(actor.field_rules, input, replaced)) return fail(*denied);
  // A successor is checked like an edit of the record it replaces (retired
  // dictionary values it already had stay allowed; its owner is no new assignment).
  if (auto invalid = check_record(c, actor, next, replaced, input)) return fail(*invalid);
  const int64_t from_owner = replaced ? replaced->owner_id() : actor.user_id;
  if (auto denied = check_owner_change(c, actor, from_owner, next.owner_id())) return fail(*denied);
  // DOC-6: a rule changed by an administrator may lead to codes issued
  // under the old one; those numbers are skipped, never reused. Taking the
  // number first also queues concurrent creates on the counter's row lock, so
  // the identity check below sees every record committed before it: on
  // PostgreSQL a unique violation aborts the transaction, and the catch
  // below could not look up the existing record any more.
  const int today = business_date(now);
  const CodeRule code_rule = rules_.current(c).code_rule;
  std::string code;
  do {
    code = code_rule.format(today, customer_repository::next_code_number(c, code_rule.counter_key(today)));
  } while (customer_repository::code_taken(c, code));
  next.set("code", code);
  if (auto duplicate = check_identity_unique(c, actor, next)) return fail(*duplicate);
  derive(c, next);
  auto guard = identity_savepoint(c, next);
  try {
    next.id = customer_repository::insert(c, next);
    if (guard) guard->release();
  } catch (const db::UniqueViolation&) {
    // Another request saved the same identity between the check and the insert.
    if (guard) guard->roll_back();
    if (auto duplicate = check_identity_unique(c, actor, next)) return fail(*duplicate);
    throw;
  }
  auto terms = customer_terms(next, {}, custom_fields_.searchable_texts(c, next.text_or("custom", "{}")));  // no contacts yet
  if (deferred_terms) {
    for (auto& term : terms) deferred_terms->emplace_back(std::move(term), next.id);
  } else {
    customer_repository::replace_search_terms(c, next.id, terms);
  }
  custom_fields_.index_values(c, next.id, boost::json::parse(next.text_or("custom", "{}")).as_object());
  customer_repository::add_history(c, {0, next.id, now, actor.user_id, actor.username, "created", std::nullopt,
                                       std::nullopt, next.code()});
  record_event(c, actor, client, "customer.created", next.id, changed_fields_detail(input.values));
  return next;
}

Result<Customer> CustomerService::load_for(db::Connection& c, const Principal& actor, int64_t id,
                                           std::string_view permission) {
  auto customer = customer_repository::find(c, id, access_.owner_scope(c, actor, perm::customer_read));
  if (!customer) return fail(Error::not_found());
  if (permission != perm::customer_read && !access_.owner_scope(c, actor, permission).covers(customer->owner_id())) {
    return fail(Error::forbidden());
  }
  return *customer;
}

std::optional<Error> CustomerService::refuse_if_closed(const Customer& customer) {
  if (customer.flag("abnormal")) {
    return abnormal_error(customer);
  }
  if (customer.text_or("status") == "deregistered") return Error::make(409, "customer_deregistered");
  return std::nullopt;
}

void CustomerService::write_history(db::Connection& c, const Principal& actor, const Customer& before,
                                    const Customer& after, const std::string& action) {
  const auto fields = customer_fields();
  const int64_t now = clock_.now_ms();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!fields[i].history || before.values[i] == after.values[i]) continue;
    if (fields[i].key == "custom") {
      write_custom_history(c, actor, after.id, now, action, before.text_or("custom", "{}"), after.text_or("custom", "{}"));
      continue;
    }
    customer_repository::add_history(c, {0, after.id, now, actor.user_id, actor.username, action,
                                         std::string(fields[i].key), value_as_text(before.values[i]),
                                         value_as_text(after.values[i])});
  }
}

// CUS-10: one entry per custom field changed, as custom.<key>.
void CustomerService::write_custom_history(db::Connection& c, const Principal& actor, int64_t id, int64_t now,
                                           const std::string& action, const std::string& before_text,
                                           const std::string& after_text) {
  const auto before = boost::json::parse(before_text).as_object();
  const auto after = boost::json::parse(after_text).as_object();
  std::set<std::string> keys;
  for (const auto& [key, value] : before) keys.emplace(key);
  for (const auto& [key, value] : after) keys.emplace(key);
  for (const auto& key : keys) {
    const auto* old_value = before.if_contains(key);
    const auto* new_value = after.if_contains(key);
    if (old_value && new_value && *old_value == *new_value) continue;
    auto text = [](const boost::json::value* v) {
      return v ? std::optional<std::string>(custom_history_text(*v)) : std::nullopt;
    };
    customer_repository::add_history(c, {0, id, now, actor.user_id, actor.username, action, "custom." + key,
                                         text(old_value), text(new_value)});
  }
}

Result<Customer> CustomerService::update(const Principal& actor, int64_t id, const CustomerInput& input,
                                         int64_t expected_version, const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto current = load_for(*c, actor, id, perm::customer_update);
  if (!current) return fail(current.error());
  if (current->version() != expected_version) {
    // CUS-10: nothing is written; the caller sees what changed meanwhile.
    Error conflict = Error::make(409, "version_conflict");
    const Unmasking unmasked = unmasking(*c, actor, *current);
    CustomerView view = customer_view(unmasked);
    // The same shape as GET: the form shows who owns it and where it is.
    const auto names = users_.display_names(*c, {current->owner_id()});
    if (auto it = names.find(current->owner_id()); it != names.end()) view.owner_name = it->second;
    if (auto region = current->text("region_code")) view.region_name = search::region_full_name(*region);
    conflict.extensions_json = "{\"current\":";
    append_customer_json(conflict.extensions_json, *current, view);
    conflict.extensions_json += '}';
    return fail(conflict);
  }
  if (auto closed = refuse_if_closed(*current)) return fail(*closed);
  if (auto denied = check_field_writes(actor.field_rules, input, &*current)) return fail(*denied);  // ADR 0015
  Customer next = *current;
  for (const auto& [key, value] : input.values) next.set(key, value);
  if (auto invalid = check_record(*c, actor, next, &*current, input)) return fail(*invalid);
  // CUS-11: once submitted for verification the identity is fixed (compared
  // after normalizing, so re-sending the same number in lower case is no change).
  if (current->flag("identity_locked")) {
    for (const auto& spec : customer_fields()) {
      if (spec.identity && current->get(spec.key) != next.get(spec.key)) return fail(Error::make(409, "identity_locked"));
    }
  }
  if (auto denied = check_owner_change(*c, actor, current->owner_id(), next.owner_id())) return fail(*denied);
  if (auto duplicate = check_identity_unique(*c, actor, next)) return fail(*duplicate);
  derive(*c, next);
  FieldValues changes;
  const auto fields = customer_fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (next.values[i] != current->values[i]) changes.emplace(std::string(fields[i].key), next.values[i]);
  }
  if (changes.empty()) return *current;  // nothing to write, no version bump
  const int64_t now = clock_.now_ms();
  auto guard = identity_savepoint(*c, next);
  try {
    if (!customer_repository::update(*c, id, changes, expected_version, now)) {
      return fail(Error::make(409, "version_conflict"));
    }
    if (guard) guard->release();
  } catch (const db::UniqueViolation&) {
    if (guard) guard->roll_back();
    if (auto duplicate = check_identity_unique(*c, actor, next)) return fail(*duplicate);
    throw;
  }
  next.set("version", expected_version + 1);
  next.set("updated_at", now);
  if (changes.contains("name") || changes.contains("short_name") || changes.contains("phone") ||
      changes.contains("mobile") || changes.contains("custom")) {
    refresh_search_terms(*c, next);
  }
  if (changes.contains("custom")) {
    custom_fields_.index_values(*c, id, boost::json::parse(next.text_or("custom", "{}")).as_object());
  }
  write_history(*c, actor, *current, next, "updated");
  record_event(*c, actor, client, "customer.updated", id, changed_fields_detail(changes));
  tx.commit();
  return next;
}

int64_t CustomerService::reindex_search_terms(const std::function<void(int64_t)>& progress) {
  int64_t done = 0, after = 0;
  for (;;) {
    auto c = database_.acquire();
    db::Transaction tx(*c, true);
    const auto batch = customer_repository::after_id(*c, after, 1000);
    if (batch.empty()) break;
    for (const auto& customer : batch) refresh_search_terms(*c, customer);
    tx.commit();
    after = batch.back().id;
    done += static_cast<int64_t>(batch.size());
    progress(done);
  }
  return done;
}

void CustomerService::refresh_search_terms(db::Connection& c, const Customer& customer) {
  const auto contacts = sub_record_repository::list(c, contact_kind(), customer.id);
  const auto texts = custom_fields_.searchable_texts(c, customer.text_or("custom", "{}"));
  customer_repository::replace_search_terms(c, customer.id, customer_terms(customer, contacts, texts));
}

Result<Customer> CustomerService::apply_server_change(
    const Principal& actor, int64_t id, std::string_view permission, std::optional<int64_t> expected_version,
    const ClientInfo& client, const std::string& action,
    const std::function<std::optional<Error>(const Customer&, FieldValues&)>& change,
    const std::function<std::optional<Error>(db::Connection&, const Customer&)>& also) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto current = load_for(*c, actor, id, permission);
  if (!current) return fail(current.error());
  if (expected_version && current->version() != *expected_version) return fail(Error::make(409, "version_conflict"));
  if (current->flag("abnormal")) {
    return fail(abnormal_error(*current));
  }
  FieldValues changes;
  if (auto refused = change(*current, changes)) return fail(*refused);
  if (std::all_of(changes.begin(), changes.end(), [&](const auto& kv) { return current->get(kv.first) == kv.second; })) {
    return *current;  // already so: nothing to write, no version bump, no audit entry
  }
  Customer next = *current;
  for (const auto& [key, value] : changes) next.set(key, value);
  derive(*c, next);
  changes.emplace("suggested_grade", next.get("suggested_grade"));
  changes.emplace("suggested_grade_reason", next.get("suggested_grade_reason"));
  const int64_t now = clock_.now_ms();
  if (!customer_repository::update(*c, id, changes, current->version(), now)) {
    return fail(Error::make(409, "version_conflict"));
  }
  next.set("version", current->version() + 1);
  next.set("updated_at", now);
  write_history(*c, actor, *current, next, action);
  if (also) {
    if (auto refused = also(*c, next)) return fail(*refused);  // the transaction is not committed
  }
  record_event(*c, actor, client, "customer." + action, id, changed_fields_detail(changes));
  tx.commit();
  return next;
}

std::optional<Error> CustomerService::cascade_accounts(db::Connection& c, const Principal& actor,
                                                      const Customer& customer, bool deregistered) {
  const auto& kind = account_kind();
  const int64_t now = clock_.now_ms();
  for (const auto& account : sub_record_repository::list(c, kind, customer.id)) {
    const bool active = account.text_or("status") == "active";
    FieldValues changes;
    if (deregistered && active) {
      changes = {{"status", std::string("cancelled")}, {"cancelled_with_customer", int64_t{1}}};
    } else if (!deregistered && !active && account.flag("cancelled_with_customer")) {
      changes = {{"status", std::string("active")}, {"cancelled_with_customer", int64_t{0}}};
    } else {
      continue;
    }
    if (!sub_record_repository::update(c, kind, account.id, changes, account.version(), now)) {
      return Error::make(409, "version_conflict");  // an account changed meanwhile: nothing is written
    }
    customer_repository::add_history(
        c, {0, customer.id, now, actor.user_id, actor.username, deregistered ? "deregistered" : "restored",
            "accounts." + std::to_string(account.id) + ".status", account.text("status"),
            std::get<std::string>(changes.at("status"))});
  }
  return std::nullopt;
}

Result<Customer> CustomerService::deregister(const Principal& actor, int64_t id, const std::string& reason,
                                             int64_t expected_version, const ClientInfo& client) {
  return apply_server_change(actor, id, perm::customer_delete, expected_version, client, "deregistered",
                             [&](const Customer& current, FieldValues& changes) -> std::optional<Error> {
                               if (current.text_or("status") == "deregistered") {
                                 return Error::make(409, "customer_deregistered");
                               }
                               changes.emplace("status", std::string("deregistered"));
                               changes.emplace("status_before_deregister", current.get("status"));
                               changes.emplace("deregister_reason", reason);
                               changes.emplace("deregistered_at", clock_.now_ms());
                               return std::nullopt;
                             },
                             [&](db::Connection& c, const Customer& next) { return cascade_accounts(c, actor, next, true); });
}

Result<Customer> CustomerService::restore(const Principal& actor, int64_t id, int64_t expected_version,
                                          const ClientInfo& client) {
  return apply_server_change(actor, id, perm::customer_delete, expected_version, client, "restored",
                             [&](const Customer& current, FieldValues& changes) -> std::optional<Error> {
                               if (current.text_or("status") != "deregistered") {
                                 return Error::make(409, "invalid_state", {current.text_or("status")});
                               }
                               changes.emplace("status", current.text_or("status_before_deregister", "potential"));
                               changes.emplace("status_before_deregister", db::Null{});
                               changes.emplace("deregister_reason", db::Null{});
                               changes.emplace("deregistered_at", db::Null{});
                               return std::nullopt;
                             },
                             [&](db::Connection& c, const Customer& next) { return cascade_accounts(c, actor, next, false); });
}

Result<Customer> CustomerService::set_verification(const Principal& actor, int64_t id, const std::string& status,
                                                   const ClientInfo& client) {
  return apply_server_change(actor, id, perm::customer_verify, std::nullopt, client, "verification",
                             [&](const Customer& current, FieldValues& changes) -> std::optional<Error> {
                               if (current.text_or("verification_status") == status) return std::nullopt;
                               changes.emplace("verification_status", status);
                               if (status != "pending") changes.emplace("identity_locked", int64_t{1});  // CUS-11
                               if (status == "passed" || status == "failed") {
                                 changes.emplace("reviewed_by", actor.user_id);  // CUS-13
                               }
                               return std::nullopt;
                             });
}

std::vector<BatchOutcome> CustomerService::set_verification_batch(const Principal& actor,
                                                                  const std::vector<int64_t>& ids,
                                                                  const std::string& status, const ClientInfo& client) {
  std::vector<BatchOutcome> outcomes;
  for (int64_t id : ids) {
    auto result = set_verification(actor, id, status, client);
    outcomes.push_back({id, result ? std::nullopt : std::optional<Error>(result.error())});
  }
  return outcomes;
}

Result<Customer> CustomerService::set_list_status(const Principal& actor, int64_t id, const std::string& list_status,
                                                  const std::string& reason, int64_t expected_version,
                                                  const ClientInfo& client) {
  return apply_server_change(actor, id, perm::customer_verify, expected_version, client, "list_status",
                             [&](const Customer&, FieldValues& changes) -> std::optional<Error> {
                               const bool none = list_status == "none";
                               changes.emplace("list_status", list_status);
                               changes.emplace("list_reason", none ? db::Value(db::Null{}) : db::Value(reason));
                               changes.emplace("list_decided_by", actor.user_id);  // CUS-21: who decided
                               changes.emplace("list_decided_at", clock_.now_ms());
                               return std::nullopt;
                             });
}

Result<Customer> CustomerService::replace(const Principal& actor, int64_t id, const CustomerInput& identity_input,
                                          const std::string& reason, const ClientInfo& client) {
  if (!actor.can(perm::customer_create)) return fail(Error::forbidden());  // a successor record is a new customer
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto old = load_for(*c, actor, id, perm::customer_update);
  if (!old) return fail(old.error());
  if (old->flag("abnormal")) {
    return fail(abnormal_error(*old));
  }
  // The successor copies every field a user could have entered, then takes the corrected identity.
  CustomerInput input;
  for (const auto& spec : customer_fields()) {
    if (spec.writable != Writable::server && !old->is_null(spec.key) && !spec.identity) {
      input.values.emplace(std::string(spec.key), old->get(spec.key));
    }
  }
  if (old->text_or("status") == "deregistered") input.values.erase("status");
  for (const auto& [key, value] : identity_input.values) input.values.insert_or_assign(key, value);
  input.override_reason = identity_input.override_reason;

  // The old record leaves the uniqueness check first: the corrected identity
  // may differ from it only in its type. All of it commits or none of it does.
  const int64_t now = clock_.now_ms();
  if (!customer_repository::update(*c, id, {{"abnormal", int64_t{1}}}, old->version(), now)) {
    return fail(Error::make(409, "version_conflict"));
  }
  custom_fields_.index_values(*c, id, {});  // its unique custom values pass to the successor
  auto created = insert_new(*c, actor, input, client, &*old);
  if (!created) return fail(created.error());
  customer_repository::update(*c, id, {{"replaced_by_id", created->id}}, old->version() + 1, now);
  // The people, accounts and notes belong to the customer, not to the record with the wrong identity.
  for (const SubRecordKind* kind : sub_record_kinds()) {
    for (const auto& record : sub_record_repository::list(*c, *kind, id)) {
      const std::string field = std::string(kind->history_key) + "." + std::to_string(record.id);
      customer_repository::add_history(*c, {0, id, now, actor.user_id, actor.username, "replaced", field,
                                            record.text(kind->title_field), std::nullopt});
      customer_repository::add_history(*c, {0, created->id, now, actor.user_id, actor.username, "replaced", field,
                                            std::nullopt, record.text(kind->title_field)});
    }
    sub_record_repository::move_all(*c, *kind, id, created->id);
  }
  refresh_search_terms(*c, *old);
  refresh_search_terms(*c, *created);
  customer_repository::add_history(*c, {0, id, now, actor.user_id, actor.username, "replaced", "abnormal", "0", "1"});
  customer_repository::add_history(*c, {0, id, now, actor.user_id, actor.username, "replaced", "replaced_by_id",
                                        std::nullopt, std::to_string(created->id)});
  boost::json::object detail{{"replaced_by", created->id}, {"reason", reason}};
  record_event(*c, actor, client, "customer.replaced", id, boost::json::serialize(detail));
  tx.commit();
  return *created;
}

}  // namespace guanxi::customers
