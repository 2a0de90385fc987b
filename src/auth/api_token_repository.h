#pragma once
// SQL for the api_tokens table (owned by the auth module).
#include <optional>
#include <string>
#include <vector>

#include "auth/api_token.h"
#include "db/database.h"

namespace guanxi::auth::api_token_repository {

int64_t insert(db::Connection& c, const ApiToken& token, const std::string& token_hash);
std::optional<ApiToken> find_live_by_hash(db::Connection& c, const std::string& token_hash, int64_t now_ms);
std::vector<ApiToken> list_for_user(db::Connection& c, int64_t user_id);
// False when the token is not the user's or already revoked.
bool revoke(db::Connection& c, int64_t user_id, int64_t token_id, int64_t now_ms);
int64_t revoke_all_for_user(db::Connection& c, int64_t user_id, int64_t now_ms);
void touch(db::Connection& c, int64_t token_id, int64_t now_ms);

}  // namespace guanxi::auth::api_token_repository
