#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace guanxi::auth {

// A personal API token for integrations (Authorization: Bearer …). It acts
// for its user with at most the permissions listed here (and never more than
// the user holds at the time of the request). Only its SHA-256 is stored.
struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string name;
  std::string prefix;  // the first characters, to recognise a token in lists
  std::vector<std::string> permissions;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  std::optional<int64_t> last_used_at;
  std::optional<int64_t> revoked_at;
};

// A live session as its owner sees it in "my sessions".
struct SessionInfo {
  int64_t id = 0;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  int64_t expires_at = 0;
  std::string ip;
  std::string user_agent;
};

}  // namespace guanxi::auth
