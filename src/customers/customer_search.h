#pragma once
// CUS-14: the one search box over customers (ADR 0010). Results come in
// tiers, each a keyset over an index, so a page never sorts the whole match
// set: (x) exact code / ID number / USCC / org code / full phone, (p) names
// starting with the query, (t) every other match through the term index
// (substrings of Chinese names, pinyin, initials, words, phone endings),
// newest first.
#include <functional>
#include <string>
#include <vector>

#include "auth/access_service.h"
#include "customers/customer.h"
#include "customers/customer_repository.h"
#include "customers/sub_record.h"
#include "search/search_terms.h"

namespace guanxi::customers {

struct CustomerPage;

// The index terms of one customer: its names (as a person's name for
// individuals) and phone numbers, and its contacts' names and phone numbers
// (CUS-14: the search box finds a customer by the people at it).
// Also the values of its text custom fields (CUS-6), indexed like a company name.
std::vector<std::string> customer_terms(const Customer& customer, std::span<const SubRecord> contacts = {},
                                        std::span<const std::string> custom_texts = {});

// ADR 0015: whether a customer found through the term index still matches
// the query without the text the caller may not see. Empty: every match stands.
using TermMatchCheck = std::function<bool(const Customer&, const search::SearchQuery&)>;

// A term-tier match that `check` refuses is left out; the page may then hold
// fewer than `limit` rows and still have a next cursor.
CustomerPage search_customers(db::Connection& c, const std::string& q, const customer_repository::ListFilter& filter,
                              const auth::OwnerScope& scope, const TermMatchCheck& check = {});

}  // namespace guanxi::customers
