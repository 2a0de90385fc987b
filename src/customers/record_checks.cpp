#include "customers/record_checks.h"

namespace guanxi::customers {

int date_number(const std::string& iso) {
  return std::stoi(iso.substr(0, 4)) * 10000 + std::stoi(iso.substr(5, 2)) * 100 + std::stoi(iso.substr(8, 2));
}

}  // namespace guanxi::customers
