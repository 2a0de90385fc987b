#include "customers/address_book.h"

#include <boost/json.hpp>

#include "customers/customer_json.h"
#include "customers/customer_search.h"
#include "search/search_terms.h"
#include "search/text_normalize.h"

namespace guanxi::customers {
namespace {

namespace json = boost::json;

constexpr std::string_view kReachable[] = {"mobile", "phone", "email"};

json::value shown(const std::optional<std::string>& value, std::string_view key, const MaskPatterns* masking) {
  if (!value) return nullptr;
  return masking ? json::value(masking->mask(key, *value)) : json::value(*value);
}

json::object entry(const Customer& customer, const Unmasking& unmasking) {
  return {{"customer",
           {{"id", customer.id},
            {"code", customer.text_or("code")},
            {"name", customer.name()},
            {"kind", customer.text_or("kind")},
            {"list_status", customer.text_or("list_status", "none")}}},
          {"masked", unmasking.masked()},
          {"revealable", unmasking.revealable}};
}

std::vector<std::string> person_terms(const SubRecord& contact) {
  std::vector<std::string> terms = search::name_terms(contact.text_or("name"), search::NameKind::person);
  for (std::string_view key : {"mobile", "phone"}) {
    if (auto phone = contact.text(key)) {
      auto more = search::phone_terms(*phone);
      terms.insert(terms.end(), more.begin(), more.end());
    }
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

}  // namespace

Result<json::object> AddressBookService::page(const auth::Principal& actor, const std::string& q,
                                              const std::optional<std::string>& cursor, int64_t limit,
                                              const auth::ClientInfo& client) {
  SearchRequest request;
  request.q = q;
  request.filter.sort = "name";
  request.filter.with_people = true;
  request.filter.cursor = cursor;
  request.filter.limit = limit;
  auto customers = customers_.list(actor, request, client);  // SEC-7: logged as a bulk read
  if (!customers) return fail(customers.error());

  const search::SearchQuery query = search::parse_query(q);
  auto c = database_.acquire();
  json::array items;
  for (const auto& customer : customers->items) {
    const Unmasking unmasking = customers_.unmasking(*c, actor, customer);
    const MaskPatterns* masking = unmasking.masking();
    if (customer.text_or("kind") == "individual") {
      json::object self = entry(customer, unmasking);
      self["contact_id"] = nullptr;
      self["name"] = customer.name();
      self["title"] = nullptr;
      self["department"] = nullptr;
      for (auto key : kReachable) {
        // ADR 0015: a customer field hidden from the caller stays empty here too.
        self[key] = unmasking.fields.hidden(key) ? json::value(nullptr) : shown(customer.text(key), key, masking);
      }
      self["decision_maker"] = false;
      items.push_back(std::move(self));
    }
    std::vector<SubRecord> people;
    for (auto& contact : sub_record_repository::list(*c, contact_kind(), customer.id)) {
      if (contact.text_or("status") == "active") people.push_back(std::move(contact));
    }
    // A customer found by its own name, code or phone shows all its people;
    // one found through a contact shows the contacts that matched.
    const bool customer_matches = search::matches(query, customer_terms(customer), customer.text_or("name_norm"));
    std::vector<const SubRecord*> chosen;
    for (const auto& contact : people) {
      if (customer_matches || search::matches(query, person_terms(contact), contact.text_or("name_norm"))) {
        chosen.push_back(&contact);
      }
    }
    if (chosen.empty() && !customer_matches) {
      for (const auto& contact : people) chosen.push_back(&contact);  // matched on something else (its code)
    }
    for (const SubRecord* contact : chosen) {
      json::object person = entry(customer, unmasking);
      person["contact_id"] = contact->id;
      person["name"] = contact->text_or("name");
      // ADR 0015: a contact field hidden from the caller stays empty here too.
      auto hidden = [&](std::string_view key) { return unmasking.fields.hidden(sub_rule_key(contact_kind(), key)); };
      for (std::string_view key : {"title", "department"}) {
        auto text = contact->text(key);
        person[key] = text && !hidden(key) ? json::value(*text) : json::value(nullptr);
      }
      for (auto key : kReachable) person[key] = hidden(key) ? json::value(nullptr) : shown(contact->text(key), key, masking);
      person["decision_maker"] = !hidden("decision_maker") && contact->flag("decision_maker");
      items.push_back(std::move(person));
    }
  }
  return json::object{{"items", std::move(items)},
                      {"next_cursor", customers->next_cursor ? json::value(*customers->next_cursor) : json::value(nullptr)}};
}

}  // namespace guanxi::customers
