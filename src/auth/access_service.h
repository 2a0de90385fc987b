#pragma once
// Data scope (SEC-2, SEC-4): turns a user's grant for a permission into the
// set of record owners it covers, for repositories to put in their WHERE
// clause. Other modules ask here; they never read the org tables.
#include <algorithm>
#include <string_view>
#include <vector>

#include "auth/user.h"
#include "db/database.h"

namespace guanxi::auth {

struct OwnerScope {
  bool all = false;                // every record
  std::vector<int64_t> owner_ids;  // otherwise: records owned by these users (sorted)

  bool covers(int64_t owner_id) const {
    return all || std::binary_search(owner_ids.begin(), owner_ids.end(), owner_id);
  }
  bool empty() const { return !all && owner_ids.empty(); }
};

class AccessService {
 public:
  explicit AccessService(db::Database& database) : database_(database) {}

  // Owners whose records `principal` may touch under `permission`:
  //   own → self; unit → users of the own unit; unit_tree → the unit and below;
  //   segment → below the nearest segment (else branch, else the root) above
  //   the user; all → everything. No grant → nothing. A user without a unit
  //   is limited to own records whatever the scope.
  OwnerScope owner_scope(const Principal& principal, std::string_view permission);
  OwnerScope owner_scope(db::Connection& c, const Principal& principal, std::string_view permission);

 private:
  db::Database& database_;
};

}  // namespace guanxi::auth
