#pragma once
// SQL for the sessions table. Only the SHA-256 of a session token is stored.
#include <optional>
#include <string>
#include <vector>

#include "auth/api_token.h"
#include "db/database.h"

namespace guanxi::auth::session_repository {

struct SessionRow {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  int64_t expires_at = 0;  // absolute limit
};

int64_t insert(db::Connection& c, const std::string& token_hash, int64_t user_id, const std::string& csrf_token,
               int64_t now_ms, int64_t expires_at, const std::string& ip, const std::string& user_agent);
std::optional<SessionRow> find_live_by_token_hash(db::Connection& c, const std::string& token_hash);
void touch(db::Connection& c, int64_t session_id, int64_t now_ms);
void end(db::Connection& c, int64_t session_id, int64_t now_ms, const std::string& reason);
std::vector<SessionInfo> list_live_for_user(db::Connection& c, int64_t user_id, int64_t now_ms);
// False when the session is not the user's or already ended.
bool end_for_user(db::Connection& c, int64_t user_id, int64_t session_id, int64_t now_ms, const std::string& reason);
int64_t end_all_for_user(db::Connection& c, int64_t user_id, int64_t now_ms, const std::string& reason);
int64_t end_all_for_user_except(db::Connection& c, int64_t user_id, int64_t keep_session_id, int64_t now_ms,
                                const std::string& reason);

}  // namespace guanxi::auth::session_repository
