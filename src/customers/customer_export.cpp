#include "customers/customer_export.h"

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "auth/permissions.h"
#include "core/random.h"
#include "core/utf8.h"
#include "customers/customer_field_rules.h"
#include "customers/field_labels.h"
#include "customers/sub_record.h"
#include "customers/table_writer.h"
#include "customers/vcard.h"
#include "search/regions.h"

namespace guanxi::customers {
namespace json = boost::json;
using auth::Principal;

namespace {

constexpr size_t kPageRows = 500;
constexpr size_t kLoggedPerEntry = 1000;  // customers per access-log entry of an export

// Columns a list offers but an export leaves out: index columns and the version counter.
bool internal_column(std::string_view key) {
  return key == "name_norm" || key == "name_sort_key" || key == "custom" || key == "version";
}

struct Column {
  enum class Kind { field, custom, owner_name, region_name } kind = Kind::field;
  std::string key;
  std::string label;
  size_t index = 0;  // into customer_fields() for Kind::field
};

// Every column the export can offer, in order: the catalogue, then owner and
// region names, then the custom fields.
std::vector<Column> available_columns(const std::vector<CustomField>& custom_fields, Locale locale) {
  std::vector<Column> out;
  const auto fields = customer_fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (internal_column(fields[i].key)) continue;
    out.push_back({Column::Kind::field, std::string(fields[i].key),
                   std::string(field_label(fields[i].key, locale)), i});
  }
  const bool en = locale == Locale::en;
  out.push_back({Column::Kind::owner_name, "owner_name", en ? "Owner name" : "负责人姓名"});
  out.push_back({Column::Kind::region_name, "region_name", en ? "Region name" : "地区名称"});
  for (const auto& f : custom_fields) {
    out.push_back({Column::Kind::custom, "custom." + f.key, en && !f.label_en.empty() ? f.label_en : f.label});
  }
  return out;
}

bool hidden(const Principal& actor, const Column& column) {
  if (column.kind == Column::Kind::owner_name) return false;  // the owner is never ruled
  if (column.kind == Column::Kind::region_name) return actor.field_rules.hidden("region_code");
  return actor.field_rules.hidden(column.key);
}

Result<std::vector<Column>> choose_columns(const Principal& actor, const std::vector<std::string>& wanted,
                                           std::vector<Column> available) {
  std::vector<Column> out;
  if (wanted.empty()) {
    for (auto& column : available) {
      if (!hidden(actor, column)) out.push_back(std::move(column));
    }
    return out;
  }
  std::vector<FieldError> unknown, forbidden;
  std::set<std::string> seen;
  for (const auto& key : wanted) {
    auto it = std::find_if(available.begin(), available.end(), [&](const Column& c) { return c.key == key; });
    if (it == available.end()) unknown.push_back({"columns", "unknown_value"});
    else if (hidden(actor, *it)) forbidden.push_back({key, "hidden"});
    else if (seen.insert(key).second) out.push_back(*it);
  }
  if (!unknown.empty()) return fail(Error::validation({{"columns", "unknown_value"}}));
  if (!forbidden.empty()) return fail(field_forbidden(std::move(forbidden)));
  return out;
}

std::string custom_text(const json::value* value) {
  if (!value || value->is_null()) return "";
  if (value->is_string()) return std::string(value->as_string());
  if (value->is_array()) {
    std::string out;
    for (const auto& item : value->as_array()) {
      if (!out.empty()) out += "、";
      out += item.is_string() ? std::string(item.as_string()) : json::serialize(item);
    }
    return out;
  }
  return json::serialize(*value);
}

std::string tags_text(const std::string& stored) {
  boost::system::error_code ec;
  auto value = json::parse(stored, ec);
  return ec ? stored : custom_text(&value);
}

std::vector<std::string> row_cells(const Customer& customer, const std::vector<Column>& columns,
                                   const CustomerView& view, Locale locale) {
  std::vector<std::string> cells;
  cells.reserve(columns.size());
  std::optional<json::object> custom;
  for (const auto& column : columns) {
    switch (column.kind) {
      case Column::Kind::owner_name: cells.push_back(view.owner_name); break;
      case Column::Kind::region_name: cells.push_back(view.region_name); break;
      case Column::Kind::custom: {
        if (!custom) {
          boost::system::error_code ec;
          auto parsed = json::parse(customer.text_or("custom", "{}"), ec);
          custom = !ec && parsed.is_object() ? parsed.as_object() : json::object{};
        }
        cells.push_back(custom_text(custom->if_contains(column.key.substr(7))));
        break;
      }
      case Column::Kind::field: {
        const FieldSpec& spec = customer_fields()[column.index];
        const auto text = value_as_text(customer.values[column.index]);
        if (!text) {
          cells.emplace_back();
        } else if (view.masked && spec.sensitive) {
          cells.push_back(view.patterns->mask(spec.key, *text));
        } else if (spec.type == FieldType::flag) {
          const bool on = *text != "0";
          cells.push_back(locale == Locale::en ? (on ? "yes" : "no") : (on ? "是" : "否"));
        } else if (spec.type == FieldType::tags) {
          cells.push_back(tags_text(*text));
        } else if (spec.type == FieldType::timestamp) {
          cells.push_back(format_iso8601_utc(std::stoll(*text)));
        } else {
          cells.push_back(*text);
        }
        break;
      }
    }
  }
  return cells;
}

std::string file_stamp(int64_t now_ms) { return std::to_string(business_date(now_ms)); }

// A contact as its vCard shows it to `actor`: masked as the customer's detail
// would show it, hidden fields (ADR 0015: contact.<field>) left out.
VCardContact contact_card(const SubRecord& contact, const Customer& customer, const CustomerView& view,
                          const Principal& actor) {
  auto field = [&](std::string_view key) -> std::string {
    if (actor.field_rules.hidden(sub_rule_key(contact_kind(), key))) return "";
    auto text = contact.text(key);
    if (!text) return "";
    const FieldSpec* spec = sub_field(contact_kind(), key);
    return view.masked && spec && spec->sensitive ? view.patterns->mask(spec->key, *text) : *text;
  };
  VCardContact card;
  card.full_name = contact.text_or("name");
  card.organization = customer.text_or("name");
  card.department = field("department");
  card.title = field("title");
  card.mobile = field("mobile");
  card.phone = field("phone");
  card.email = field("email");
  card.birthday = field("birthday");
  card.uid = "urn:guanxi:contact:" + std::to_string(contact.id);
  return card;
}

}  // namespace

approvals::ApprovalType export_approval_type() {
  approvals::ApprovalType type;
  type.key = "customer.export";
  type.zh_name = "客户导出";
  type.en_name = "Customer export";
  type.default_steps = {{"直属上级审批", "manager", "", std::nullopt, 2}};
  return type;
}

CustomerExportService::CustomerExportService(const Clock& clock, audit::AuditLog& audit, audit::AccessLog& access_log,
                                             auth::AccessService& access, CustomerService& customers,
                                             CustomFieldService& custom_fields, approvals::ApprovalService& approvals,
                                             db::Database& database, std::string work_dir, int64_t approval_rows)
    : clock_(clock),
      audit_(audit),
      access_log_(access_log),
      access_(access),
      customers_(customers),
      custom_fields_(custom_fields),
      approvals_(approvals),
      database_(database),
      work_dir_(std::move(work_dir)),
      approval_rows_(approval_rows) {
  approvals_.register_type(export_approval_type());
  // Files a crashed server never sent. An hour is far beyond any export in
  // progress in another process sharing the directory.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(work_dir_, ec)) {
    const auto age = std::filesystem::file_time_type::clock::now() - entry.last_write_time(ec);
    if (!ec && entry.path().filename().string().starts_with("export-") && age > std::chrono::hours(1)) {
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

Result<ExportOutcome> CustomerExportService::run(const Principal& actor, const ExportRequest& request, Locale locale,
                                                 const auth::ClientInfo& client) {
  return write(actor, request, locale, client, std::nullopt);
}

Result<ExportOutcome> CustomerExportService::run_approved(const Principal& actor, const ExportRequest& request,
                                                          int64_t approval_id, Locale locale,
                                                          const auth::ClientInfo& client) {
  return write(actor, request, locale, client, approval_id);
}

Result<std::string> CustomerExportService::approved_query(const Principal& actor, int64_t approval_id) {
  auto view = approvals_.get(actor, approval_id);
  if (!view) return fail(view.error());
  const auto& r = view->request;
  if (r.requester_id != actor.user_id) return fail(Error::not_found());
  if (r.type != "customer.export" || r.status != "approved") return fail(Error::make(409, "approval_not_pending"));
  const auto* query = r.payload.if_contains("query");
  return query && query->is_string() ? std::string(query->as_string()) : std::string();
}

Result<ExportOutcome> CustomerExportService::ask_approval(const Principal& actor, const ExportRequest& request,
                                                          const auth::ClientInfo& client) {
  json::object payload{{"format", request.format}, {"query", request.query}};
  if (request.reveal_reason) payload["reveal_reason"] = *request.reveal_reason;
  const std::string title = "导出客户（" + request.format + "，超过 " + std::to_string(approval_rows_) + " 行）";
  int64_t id = 0;
  {
    auto c = database_.acquire();
    db::Transaction tx(*c, true);
    auto submitted = approvals_.submit(*c, actor, "customer.export", "customers:export", title, std::move(payload),
                                       client);
    if (!submitted) return fail(submitted.error());
    tx.commit();
    id = submitted->id;
  }
  auto view = approvals_.get(actor, id);
  if (!view) return fail(view.error());
  return ExportOutcome{std::nullopt, std::move(*view)};
}

Result<ExportOutcome> CustomerExportService::write(const Principal& actor, const ExportRequest& request, Locale locale,
                                                   const auth::ClientInfo& client,
                                                   std::optional<int64_t> approval_id) {
  if (request.format != "csv" && request.format != "xlsx" && request.format != "vcf") {
    return fail(Error::validation({{"format", request.format.empty() ? "required" : "unknown_value"}}));
  }
  if (request.reveal_reason) {
    const size_t length = utf8_length(*request.reveal_reason);
    if (length == 0 || length > 500) return fail(Error::validation({{"reveal_reason", "out_of_range"}}));
    if (!actor.can(auth::perm::customer_sensitive_read)) return fail(Error::forbidden());
  }
  auto columns = choose_columns(actor, request.columns, available_columns(custom_fields_.list(), locale));
  if (!columns) return fail(columns.error());
  // PIPL: sensitive values only for a stated reason, and only of the owners
  // the sensitive-read grant covers.
  std::optional<auth::OwnerScope> unmasked_owners;
  if (request.reveal_reason) unmasked_owners = access_.owner_scope(actor, auth::perm::customer_sensitive_read);
  const Unmasking masked = customers_.list_unmasking(actor);

  std::filesystem::create_directories(work_dir_);
  const std::string path = work_dir_ + "/export-" + random_token(12) + "." + request.format;
  struct Discard {  // an export that does not reach the server's response is removed
    std::string path;
    bool keep = false;
    ~Discard() {
      if (!keep) std::filesystem::remove(path);
    }
  } discard{path};
  const bool vcf = request.format == "vcf";  // contacts, not a table
  std::unique_ptr<TableWriter> writer;
  std::ofstream cards;
  if (vcf) {
    cards.open(path, std::ios::binary | std::ios::trunc);
    if (!cards) throw std::runtime_error("cannot create " + path);
  } else {
    writer = request.format == "csv" ? make_csv_writer(path)
                                     : make_xlsx_writer(path, locale == Locale::en ? "Customers" : "客户");
    std::vector<std::string> header;
    for (const auto& column : *columns) header.push_back(column.label);
    writer->row(header);
  }

  const bool needs_approval = !approval_id && approval_rows_ > 0;
  SearchRequest search = request.search;
  search.filter.limit = kPageRows;
  search.filter.cursor.reset();
  int64_t rows = 0;
  int part = 0;
  std::vector<audit::AccessedCustomer> logged, held;  // held: not logged until the export is sure to be sent
  auto log_part = [&](std::vector<audit::AccessedCustomer> customers) {
    if (customers.empty()) return;
    json::object detail{{"format", request.format}, {"part", ++part}, {"query", request.query}};
    if (approval_id) detail["approval_id"] = *approval_id;
    access_log_.append({actor.user_id, actor.username, "export", std::move(customers),
                        request.reveal_reason.value_or(""), std::nullopt, client.ip, client.user_agent,
                        json::serialize(detail)});
  };
  for (;;) {
    auto page = customers_.read_page(actor, search, auth::perm::customer_export);
    if (!page) return fail(page.error());
    const auto names = customers_.owner_names(page->items);
    std::map<int64_t, std::vector<SubRecord>> contacts;
    if (vcf) {
      std::vector<int64_t> ids;
      for (const auto& customer : page->items) ids.push_back(customer.id);
      auto c = database_.acquire();
      for (auto& contact : sub_record_repository::list_for(*c, contact_kind(), ids)) {
        contacts[contact.customer_id].push_back(std::move(contact));
      }
    }
    for (const auto& customer : page->items) {
      // A vCard file's rows are the contacts; a customer without any is not exported.
      const size_t customer_rows = vcf ? contacts[customer.id].size() : 1;
      if (customer_rows == 0) continue;
      rows += static_cast<int64_t>(customer_rows);
      if (needs_approval && rows > approval_rows_) {
        // Nothing is sent, so nothing read so far is logged as exported.
        return ask_approval(actor, request, client);
      }
      Unmasking unmasking = masked;
      if (unmasked_owners && unmasked_owners->covers(customer.owner_id())) unmasking.until = clock_.now_ms();
      CustomerView view = customer_view(unmasking);
      if (auto it = names.find(customer.owner_id()); it != names.end()) view.owner_name = it->second;
      if (auto region = customer.text("region_code")) view.region_name = search::region_full_name(*region);
      if (vcf) {
        for (const auto& contact : contacts[customer.id]) cards << vcard(contact_card(contact, customer, view, actor));
      } else {
        writer->row(row_cells(customer, *columns, view, locale));
      }
      (needs_approval ? held : logged).push_back({customer.id, customer.text_or("code")});
      if (logged.size() >= kLoggedPerEntry) log_part(std::exchange(logged, {}));
    }
    if (!page->next_cursor || page->items.empty()) break;
    search.filter.cursor = page->next_cursor;
  }
  if (vcf) {
    cards.close();
    if (!cards) throw std::runtime_error("the export file could not be written");
  } else {
    writer->finish();
  }
  for (size_t i = 0; i < held.size(); i += kLoggedPerEntry) {
    log_part({held.begin() + static_cast<std::ptrdiff_t>(i),
              held.begin() + static_cast<std::ptrdiff_t>(std::min(held.size(), i + kLoggedPerEntry))});
  }
  log_part(std::move(logged));
  json::array column_keys;
  for (const auto& column : *columns) column_keys.push_back(json::string(column.key));
  json::object detail{{"format", request.format}, {"rows", rows}, {"columns", std::move(column_keys)},
                      {"query", request.query}, {"unmasked", request.reveal_reason.has_value()}};
  if (request.reveal_reason) detail["reason"] = *request.reveal_reason;
  if (approval_id) detail["approval_id"] = *approval_id;
  audit_.append({actor.user_id, actor.username, "customer.exported", "customers:export", client.ip, client.user_agent,
                 json::serialize(detail)});
  discard.keep = true;
  const std::string type = request.format == "csv"   ? "text/csv; charset=utf-8"
                           : vcf                         ? "text/vcard; charset=utf-8"
                                                         : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const std::string stem = vcf ? "contacts-" : "customers-";
  return ExportOutcome{ExportFile{path, type, stem + file_stamp(clock_.now_ms()) + "." + request.format, rows},
                       std::nullopt};
}

}  // namespace guanxi::customers
