#pragma once
// CUS-15: the address book 通讯录: the people of every customer the caller
// may read (an individual customer is its own entry, an organization gives
// one per contact), in the customers' pinyin order, searchable with the
// customer search box. Phones and e-mail are masked unless the caller
// revealed that customer (SEC-3); each page is a bulk read in the access
// log (SEC-7).
#include <boost/json/object.hpp>

#include "customers/customer_service.h"

namespace guanxi::customers {

class AddressBookService {
 public:
  AddressBookService(db::Database& database, CustomerService& customers) : database_(database), customers_(customers) {}

  // {"items": [entry…], "next_cursor"}. With `q`, only the people who match
  // it, or every person of a customer that matches by its own name, code or
  // phone. Errors: as the customer list.
  Result<boost::json::object> page(const auth::Principal& actor, const std::string& q,
                                   const std::optional<std::string>& cursor, int64_t limit,
                                   const auth::ClientInfo& client);

 private:
  db::Database& database_;
  CustomerService& customers_;
};

}  // namespace guanxi::customers
