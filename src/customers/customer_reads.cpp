// CustomerService, the read side: masking and reveals (SEC-3), single and
// listed reads, history, birthdays, and the access log every read goes to
// (SEC-7). The write side is in customer_service.cpp.
#include <boost/json.hpp>

#include <set>

#include "customers/custom_field_repository.h"
#include "customers/customer_field_rules.h"
#include "customers/customer_search.h"
#include "customers/customer_service.h"
#include "customers/sub_record.h"
#include "search/text_normalize.h"

namespace guanxi::customers {
namespace {

using auth::ClientInfo;
using auth::Principal;
namespace perm = auth::perm;

// What a list page was asked for, so the access log shows why these customers were read.
std::string list_access_detail(const SearchRequest& request) {
  boost::json::object detail;
  if (!request.q.empty()) detail["q"] = request.q;
  boost::json::object filters;
  for (const auto& [key, value] : request.filter.equals) filters[key] = value;
  if (request.filter.owner_id) filters["owner_id"] = *request.filter.owner_id;
  if (!request.filter.region_prefix.empty()) filters["region"] = request.filter.region_prefix;
  for (const auto& [key, value] : request.filter.custom_equals) filters["custom." + key] = value;
  if (!filters.empty()) detail["filters"] = std::move(filters);
  if (request.filter.cursor) detail["page"] = "next";
  return detail.empty() ? "" : boost::json::serialize(detail);
}

}  // namespace

Unmasking CustomerService::unmasking(const Principal& actor, const Customer& customer) {
  if (!actor.can(perm::customer_sensitive_read)) return list_unmasking(actor);
  auto c = database_.acquire();
  return unmasking(*c, actor, customer);
}

Unmasking CustomerService::unmasking(db::Connection& c, const Principal& actor, const Customer& customer) {
  Unmasking out;
  out.patterns = masking_.current(c);
  out.fields = actor.field_rules;
  out.revealable = actor.can(perm::customer_sensitive_read) &&
                   access_.owner_scope(c, actor, perm::customer_sensitive_read).covers(customer.owner_id());
  if (!out.revealable) return out;
  auto until = access_log_.revealed_until(c, actor.user_id, customer.id);
  if (until && *until > clock_.now_ms()) out.until = until;
  return out;
}

std::map<int64_t, std::string> CustomerService::owner_names(const std::vector<Customer>& customers) {
  std::set<int64_t> ids;
  for (const auto& c : customers) ids.insert(c.owner_id());
  auto c = database_.acquire();
  return users_.display_names(*c, {ids.begin(), ids.end()});
}

std::vector<customer_repository::BirthdayRow> CustomerService::birthdays(db::Connection& c, const Principal& actor,
                                                                         const std::vector<std::string>& month_days) {
  if (!access_.owner_scope(c, actor, perm::customer_read).covers(actor.user_id)) return {};
  auto rows = customer_repository::birthdays(c, actor.user_id, month_days);
  // ADR 0015: a birthday hidden from its owner is not a reminder either.
  const bool customers_hidden = actor.field_rules.hidden("birthday");
  const bool contacts_hidden = actor.field_rules.hidden(sub_rule_key(contact_kind(), "birthday"));
  std::erase_if(rows, [&](const auto& row) { return row.contact_id == 0 ? customers_hidden : contacts_hidden; });
  return rows;
}

Result<Customer> CustomerService::get(const Principal& actor, int64_t id) {
  auto c = database_.acquire();
  return load_for(*c, actor, id, perm::customer_read);
}

Result<Customer> CustomerService::view(const Principal& actor, int64_t id, const ClientInfo& client) {
  auto customer = get(actor, id);
  if (customer) record_access(actor, client, "view", {*customer});
  return customer;
}

Result<Customer> CustomerService::reveal(const Principal& actor, int64_t id, const std::string& reason,
                                         const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto customer = load_for(*c, actor, id, perm::customer_sensitive_read);
  if (!customer) return fail(customer.error());
  const int64_t until = clock_.now_ms() + settings_.reveal_window.count();
  access_log_.record(*c, {actor.user_id, actor.username, "reveal", {{customer->id, customer->text_or("code")}}, reason,
                          until, client.ip, client.user_agent, ""});
  record_event(*c, actor, client, "customer.revealed", id,
               boost::json::serialize(boost::json::object{{"reason", reason}, {"until", until}}));
  tx.commit();
  return customer;
}

Result<std::vector<audit::StoredAccessEntry>> CustomerService::access_history(const Principal& actor, int64_t id,
                                                                              audit::AccessQuery query) {
  {
    auto c = database_.acquire();
    auto customer = load_for(*c, actor, id, perm::customer_access_log_read);
    if (!customer) return fail(customer.error());
  }
  query.customer_id = id;
  return access_log_.query(query);
}

void CustomerService::record_access(const Principal& actor, const ClientInfo& client, const std::string& action,
                                    const std::vector<Customer>& customers, const std::string& detail) {
  if (customers.empty()) return;  // nothing was shown
  audit::AccessEntry entry{actor.user_id, actor.username, action, {}, "", std::nullopt, client.ip, client.user_agent,
                           detail};
  for (const auto& customer : customers) entry.customers.push_back({customer.id, customer.text_or("code")});
  access_log_.append(entry);
}

TermMatchCheck CustomerService::hidden_text_check(db::Connection& c, const Principal& actor) {
  if (actor.field_rules.empty()) return {};
  std::vector<std::string> hidden, visible;  // keys of the text custom fields
  for (const auto& field : custom_field_repository::list(c)) {
    if (field.type != "text") continue;
    (actor.field_rules.hidden("custom." + field.key) ? hidden : visible).push_back(field.key);
  }
  const bool short_name_hidden = actor.field_rules.hidden("short_name");  // indexed like the name
  if (hidden.empty() && !short_name_hidden) return {};
  return [&c, hidden = std::move(hidden), visible = std::move(visible), short_name_hidden](
             const Customer& found, const search::SearchQuery& query) {
    boost::system::error_code ec;
    const auto parsed = boost::json::parse(found.text_or("custom", "{}"), ec);
    const boost::json::object values = !ec && parsed.is_object() ? parsed.as_object() : boost::json::object();
    auto text_of = [&](const std::string& key) -> std::string {
      const auto* value = values.if_contains(key);
      return value && value->is_string() ? std::string(value->as_string()) : std::string();
    };
    const bool short_name_counts = short_name_hidden && !found.is_null("short_name");
    if (!short_name_counts &&
        std::all_of(hidden.begin(), hidden.end(), [&](const std::string& key) { return text_of(key).empty(); })) {
      return true;  // nothing hidden to have matched
    }
    Customer customer = found;
    if (short_name_hidden) customer.set("short_name", db::Null{});
    std::vector<std::string> visible_texts;
    std::vector<std::string> texts{customer.text_or("name_norm")};
    if (auto short_name = customer.text("short_name")) texts.push_back(search::normalize(*short_name));
    for (const auto& key : visible) {
      if (auto text = text_of(key); !text.empty()) {
        texts.push_back(search::normalize(text));
        visible_texts.push_back(std::move(text));
      }
    }
    const auto contacts = sub_record_repository::list(c, contact_kind(), customer.id);
    for (const auto& contact : contacts) texts.push_back(search::normalize(contact.text_or("name")));
    return search::matches(query, customer_terms(customer, contacts, visible_texts), texts);
  };
}

Result<CustomerPage> CustomerService::read_page(const Principal& actor, const SearchRequest& request,
                                                std::string_view permission) {
  auto c = database_.acquire();
  const auto scope = access_.owner_scope(*c, actor, permission);
  if (scope.empty()) return CustomerPage{};
  if (auto denied = check_field_filters(actor.field_rules, request.filter)) return fail(*denied);
  if (!search::normalize(request.q).empty()) {
    return search_customers(*c, request.q, request.filter, scope, hidden_text_check(*c, actor));
  }
  auto listed = customer_repository::list(*c, request.filter, scope);
  return CustomerPage{std::move(listed.items), std::move(listed.next_cursor)};
}

Result<CustomerPage> CustomerService::list(const Principal& actor, const SearchRequest& request,
                                           const ClientInfo& client) {
  auto page = read_page(actor, request, perm::customer_read);
  if (page) record_access(actor, client, "list", page->items, list_access_detail(request));
  return page;
}

Result<std::vector<customer_repository::HistoryEntry>> CustomerService::history(const Principal& actor, int64_t id,
                                                                                std::optional<int64_t> before_id,
                                                                                int64_t limit,
                                                                                const ClientInfo& client) {
  std::vector<customer_repository::HistoryEntry> entries;
  Customer customer;
  {
    auto c = database_.acquire();
    auto found = load_for(*c, actor, id, perm::customer_read);
    if (!found) return fail(found.error());
    customer = std::move(*found);
    entries = customer_repository::history(*c, id, before_id, limit, actor.field_rules.hidden_fields());
  }
  record_access(actor, client, "history", {customer});
  return entries;
}

}  // namespace guanxi::customers
