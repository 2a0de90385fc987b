#pragma once
#include "customers/address_book.h"
#include "customers/customer_export.h"
#include "customers/customer_service.h"
#include "customers/departure_service.h"
#include "customers/history_stats.h"
#include "customers/sub_record_service.h"
#include "http/router.h"

namespace guanxi::customers {

void register_customer_routes(http::Router& router, CustomerService& service);
// The q, filters, sort, limit and cursor of GET /api/v1/customers (and of an export).
Result<SearchRequest> read_search(const http::Request& request);
// GET /api/v1/customers/export (issue 5 point 6): register before register_customer_routes.
void register_customer_export_routes(http::Router& router, CustomerExportService& service,
                                     approvals::ApprovalService& approvals);
void register_address_book_routes(http::Router& router, AddressBookService& service);
void register_history_stats_routes(http::Router& router, HistoryStatsService& service);
void register_custom_field_routes(http::Router& router, CustomFieldService& service);
void register_departure_routes(http::Router& router, DepartureService& service);
void register_dictionary_routes(http::Router& router, DictionaryService& service);
void register_region_routes(http::Router& router);
void register_customer_rules_routes(http::Router& router, CustomerRulesService& service);
void register_masking_routes(http::Router& router, MaskingService& service);
void register_sub_record_routes(http::Router& router, SubRecordService& service);

}  // namespace guanxi::customers
