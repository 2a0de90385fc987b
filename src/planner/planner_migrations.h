#pragma once
#include <vector>

#include "db/migrations.h"

namespace guanxi::planner {

// Tables of the planner module: reminders (CUS-16) and daily notes (CUS-15).
std::vector<db::Migration> migrations();

}  // namespace guanxi::planner
