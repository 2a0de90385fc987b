#pragma once
#include "customers/customer_service.h"
#include "http/router.h"

namespace guanxi::customers {

void register_customer_routes(http::Router& router, CustomerService& service);
void register_dictionary_routes(http::Router& router, DictionaryService& service);
void register_region_routes(http::Router& router);

}  // namespace guanxi::customers
