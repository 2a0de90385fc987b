#include "customers/customer_search.h"

#include <algorithm>
#include <set>

#include "customers/customer_service.h"
#include "search/search_terms.h"

namespace guanxi::customers {
namespace {

namespace repo = customer_repository;

// A tier's position: "<tier>~<id>~<key>" (the key last: it may contain '~').
struct TierCursor {
  std::string tier;
  int64_t id = 0;
  std::string key;
};

std::optional<TierCursor> parse_tier_cursor(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  const auto a = text->find('~');
  const auto b = a == std::string::npos ? a : text->find('~', a + 1);
  if (b == std::string::npos) return std::nullopt;
  try {
    return TierCursor{text->substr(0, a), std::stoll(text->substr(a + 1, b - a - 1)), text->substr(b + 1)};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

struct Row {
  Customer customer;
  std::string key;  // the tier's sort key of this row
};

class Searcher {
 public:
  Searcher(db::Connection& c, const search::SearchQuery& query, const repo::ListFilter& filter,
           const auth::OwnerScope& scope)
      : c_(c), query_(query), filter_(filter), scope_(scope) {}

  // (x) exact identifiers: a handful of rows at most, always on the first page.
  std::vector<Row> exact(int64_t limit) {
    std::vector<db::Value> params;
    std::string where = repo::filter_clause(c_.dialect(), filter_, scope_, params, "");
    const std::string& id = query_.identity;
    where += " AND (code = ? OR id_number = ? OR uscc = ? OR org_code = ? OR phone = ? OR mobile = ?)";
    for (int i = 0; i < 6; ++i) params.emplace_back(id);
    params.emplace_back(limit);
    return run("SELECT " + repo::select_columns() + ", id FROM customers WHERE " + where + " ORDER BY id DESC LIMIT ?",
               params, false);
  }

  // (p) names that start with the whole query, in name order.
  std::vector<Row> name_prefix(const std::optional<TierCursor>& cursor, int64_t limit) {
    std::vector<db::Value> params;
    std::string where = repo::filter_clause(c_.dialect(), filter_, scope_, params, "");
    where += " AND name_norm >= ? AND name_norm < ?";
    params.emplace_back(query_.normalized);
    params.emplace_back(search::prefix_upper_bound(query_.normalized));
    if (cursor) {
      where += " AND (name_norm > ? OR (name_norm = ? AND id > ?))";
      params.emplace_back(cursor->key);
      params.emplace_back(cursor->key);
      params.emplace_back(cursor->id);
    }
    params.emplace_back(limit);
    return run("SELECT " + repo::select_columns() + ", name_norm FROM customers WHERE " + where +
                   " ORDER BY name_norm, id LIMIT ?",
               params, true);
  }

  // (t) term matches driven by an exact term, newest first; or (a<n>) by one
  // alternative prefix range of the first prefix group, in term order.
  std::vector<Row> terms(const std::string& tier, const std::optional<TierCursor>& cursor, int64_t limit) {
    std::vector<db::Value> params;
    std::string driver, order, key_column;
    size_t first_exact = 0, first_group = 0;
    if (tier == "t") {
      driver = "t0.term = ?";
      params.emplace_back(query_.required_terms.front());
      first_exact = 1;
      if (cursor) {
        driver += " AND t0.customer_id < ?";
        params.emplace_back(cursor->id);
      }
      order = " ORDER BY t0.customer_id DESC";
      key_column = "t0.customer_id";
    } else {
      const auto& prefix = query_.required_prefixes.front().at(std::stoul(tier.substr(1)));
      driver = "t0.term >= ? AND t0.term < ?";
      params.emplace_back(prefix);
      params.emplace_back(search::prefix_upper_bound(prefix));
      first_group = 1;
      if (cursor) {
        driver += " AND (t0.term > ? OR (t0.term = ? AND t0.customer_id > ?))";
        params.emplace_back(cursor->key);
        params.emplace_back(cursor->key);
        params.emplace_back(cursor->id);
      }
      order = " ORDER BY t0.term, t0.customer_id";
      key_column = "t0.term";
    }
    std::string where = driver;
    for (size_t i = first_exact; i < query_.required_terms.size(); ++i) {
      where += " AND EXISTS (SELECT 1 FROM customer_search_terms x WHERE x.customer_id = c.id AND x.term = ?)";
      params.emplace_back(query_.required_terms[i]);
    }
    for (size_t g = first_group; g < query_.required_prefixes.size(); ++g) {
      std::string any;
      for (const auto& alternative : query_.required_prefixes[g]) {
        any += any.empty() ? "" : " OR ";
        any += "(x.term >= ? AND x.term < ?)";
        params.emplace_back(alternative);
        params.emplace_back(search::prefix_upper_bound(alternative));
      }
      where += " AND EXISTS (SELECT 1 FROM customer_search_terms x WHERE x.customer_id = c.id AND (" + any + "))";
    }
    for (const auto& run : query_.han_runs) {
      if (run.size() <= 6) continue;  // one or two characters: the term itself is exact
      // The run must be contiguous in the name or the short name (as typed), in a
      // contact's name (CUS-4) or in a custom field's value (CUS-6; the stored JSON, as typed).
      where += " AND (c.name_norm LIKE ? ESCAPE '\\' OR c.short_name LIKE ? ESCAPE '\\' OR c.custom LIKE ? ESCAPE '\\'"
               " OR EXISTS (SELECT 1 FROM customer_contacts k WHERE k.customer_id = c.id AND k.name_norm LIKE ? ESCAPE '\\'))";
      for (int i = 0; i < 4; ++i) params.emplace_back("%" + db::escape_like(run) + "%");
    }
    // Names that start with the query were listed by tier (p).
    where += " AND NOT (c.name_norm >= ? AND c.name_norm < ?)";
    params.emplace_back(query_.normalized);
    params.emplace_back(search::prefix_upper_bound(query_.normalized));
    where += " AND " + repo::filter_clause(c_.dialect(), filter_, scope_, params, "c.");
    params.emplace_back(limit);
    return run("SELECT " + repo::select_columns("c.") + ", " + key_column +
                   " FROM customer_search_terms t0 JOIN customers c ON c.id = t0.customer_id WHERE " + where + order +
                   " LIMIT ?",
               params, key_column == "t0.term");
  }

 private:
  std::vector<Row> run(const std::string& sql, const std::vector<db::Value>& params, bool text_key) {
    std::vector<Row> rows;
    const size_t key_index = customer_fields().size() + 1;
    for (const auto& row : c_.execute(sql, params).rows) {
      std::string key = text_key ? row.text(key_index) : std::to_string(row.integer(key_index));
      rows.push_back({repo::customer_from_row(row), std::move(key)});
    }
    return rows;
  }

  db::Connection& c_;
  const search::SearchQuery& query_;
  const repo::ListFilter& filter_;
  const auth::OwnerScope& scope_;
};

// The query as a customer code: ASCII letters, digits and '-' in upper case; "" otherwise.
std::string code_candidate(const std::string& normalized) {
  if (normalized.empty() || normalized.size() > 40) return "";
  std::string code;
  for (char ch : normalized) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) return "";
    code.push_back(ch);
  }
  return code;
}

}  // namespace

std::vector<std::string> customer_terms(const Customer& customer, std::span<const SubRecord> contacts,
                                        std::span<const std::string> custom_texts) {
  const auto kind = customer.text_or("kind") == "individual" ? search::NameKind::person : search::NameKind::organization;
  std::vector<std::string> terms = search::name_terms(customer.name(), kind);
  auto add = [&](std::vector<std::string> more) { terms.insert(terms.end(), more.begin(), more.end()); };
  if (auto short_name = customer.text("short_name")) add(search::name_terms(*short_name, search::NameKind::organization));
  for (std::string_view key : {"phone", "mobile"}) {
    if (auto phone = customer.text(key)) add(search::phone_terms(*phone));
  }
  for (const auto& contact : contacts) {
    add(search::name_terms(contact.text_or("name"), search::NameKind::person));
    for (std::string_view key : {"phone", "mobile"}) {
      if (auto phone = contact.text(key)) add(search::phone_terms(*phone));
    }
  }
  for (const auto& text : custom_texts) add(search::name_terms(text, search::NameKind::organization));
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

CustomerPage search_customers(db::Connection& c, const std::string& q, const repo::ListFilter& filter,
                              const auth::OwnerScope& scope, const TermMatchCheck& check) {
  const search::SearchQuery query = search::parse_query(q);
  CustomerPage page;
  if (query.normalized.empty()) return page;
  Searcher searcher(c, query, filter, scope);

  // The tiers in rank order; a cursor resumes inside one of them.
  std::vector<std::string> tiers = {"p"};
  if (!query.required_terms.empty()) {
    tiers.push_back("t");
  } else if (!query.required_prefixes.empty()) {
    for (size_t i = 0; i < query.required_prefixes.front().size(); ++i) tiers.push_back("a" + std::to_string(i));
  }
  auto cursor = parse_tier_cursor(filter.cursor);
  size_t start = 0;
  if (cursor) {
    auto it = std::find(tiers.begin(), tiers.end(), cursor->tier);
    if (it == tiers.end()) return page;  // a cursor from another query
    start = static_cast<size_t>(it - tiers.begin());
  }

  std::set<int64_t> seen;
  std::vector<std::pair<std::string, Row>> kept;  // (tier, row)
  // Exact identifier matches head every page's ranking and never repeat lower
  // down. Any short ASCII query may be a customer code: codes follow a
  // configurable rule (DOC-6), so their shape is not known here.
  search::SearchQuery exact_query = query;
  if (!query.identity_like) exact_query.identity = code_candidate(query.normalized);
  if (!exact_query.identity.empty()) {
    Searcher exact_searcher(c, exact_query, filter, scope);
    for (auto& row : exact_searcher.exact(filter.limit + 1)) {
      seen.insert(row.customer.id);
      if (!cursor) kept.emplace_back("x", std::move(row));
    }
  }
  const int64_t want = filter.limit + 1;
  std::optional<std::string> resume;  // set when a tier may hold more than we read
  for (size_t i = start; i < tiers.size() && static_cast<int64_t>(kept.size()) < want; ++i) {
    const int64_t need = want - static_cast<int64_t>(kept.size());
    const std::optional<TierCursor> from = i == start ? cursor : std::nullopt;
    auto rows = tiers[i] == "p" ? searcher.name_prefix(from, need) : searcher.terms(tiers[i], from, need);
    const bool full = static_cast<int64_t>(rows.size()) == need;
    for (auto& row : rows) {
      if (tiers[i] != "p" && check && !check(row.customer, query)) continue;
      if (seen.insert(row.customer.id).second) kept.emplace_back(tiers[i], row);
    }
    if (full && !rows.empty()) {
      const auto& last = rows.back();
      resume = tiers[i] + "~" + std::to_string(last.customer.id) + "~" + last.key;
      break;
    }
  }
  if (static_cast<int64_t>(kept.size()) > filter.limit) {
    kept.resize(static_cast<size_t>(filter.limit));
    const auto& [tier, last] = kept.back();
    // An exact match is on the first page only; the next page starts at the first tier.
    page.next_cursor = tier == "x" ? tiers.front() + "~0~" : tier + "~" + std::to_string(last.customer.id) + "~" + last.key;
  } else if (resume) {
    page.next_cursor = resume;
  }
  for (auto& [tier, row] : kept) page.items.push_back(std::move(row.customer));
  return page;
}

}  // namespace guanxi::customers
