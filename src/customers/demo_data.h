#pragma once
// `guanxi demo-data`: plausible customers for trying the system out and for
// the benchmarks at a million records (bench/run-customers.sh). Every record
// is valid by the server's own rules: organization names of city + trade
// name + trade + 有限公司, persons' names, mobiles, and for part of them a
// USCC or resident ID with correct check characters. The same index always
// gives the same customer, so runs are repeatable and identities unique.
#include <cstdint>
#include <vector>

#include "customers/customer_json.h"

namespace guanxi::customers {

// Customer `index` (0, 1, 2 …) of a demo set, owned by one of `owner_ids`.
CustomerInput demo_customer(int64_t index, const std::vector<int64_t>& owner_ids, int today_yyyymmdd);

}  // namespace guanxi::customers
