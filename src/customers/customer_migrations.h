#pragma once
#include <string>
#include <vector>

#include "db/migrations.h"

namespace guanxi::customers {

std::vector<db::Migration> migrations();
// INSERTs of the default dictionary values a fresh install starts with.
std::string seed_dictionaries_sql();

}  // namespace guanxi::customers
