#pragma once
// SQL for the second factor (ADR 0013): each user's sealed TOTP secret, their
// recovery codes (SHA-256 only) and the login challenges between the password
// and the code (SHA-256 of the challenge only).
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace guanxi::auth::second_factor_repository {

struct SecondFactor {
  int64_t user_id = 0;
  std::string sealed_secret;
  std::optional<int64_t> confirmed_at;  // null while enrolment waits for its first code
  int64_t last_used_step = 0;
};

std::optional<SecondFactor> find(db::Connection& c, int64_t user_id);
// Starts (or restarts) an unconfirmed enrolment with a new secret.
void put_pending(db::Connection& c, int64_t user_id, const std::string& sealed_secret, int64_t now_ms);
void confirm(db::Connection& c, int64_t user_id, int64_t step, int64_t now_ms);
// Records the step of a code just accepted; false when a concurrent login
// already used that step or a later one (the code is then refused).
bool use_step(db::Connection& c, int64_t user_id, int64_t step);
// Removes the factor and its recovery codes; true when there was one.
bool remove(db::Connection& c, int64_t user_id);

void replace_recovery_codes(db::Connection& c, int64_t user_id, const std::vector<std::string>& code_hashes);
// Marks an unused code used; false when there is none with that hash.
bool use_recovery_code(db::Connection& c, int64_t user_id, const std::string& code_hash, int64_t now_ms);
int64_t recovery_codes_left(db::Connection& c, int64_t user_id);

struct Challenge {
  int64_t id = 0;
  int64_t user_id = 0;
  int64_t expires_at = 0;
  int attempts = 0;
};
void insert_challenge(db::Connection& c, const std::string& token_hash, int64_t user_id, int64_t now_ms,
                      int64_t expires_at);
// An unused challenge by its hash (expired ones too: the caller decides).
std::optional<Challenge> find_open_challenge(db::Connection& c, const std::string& token_hash);
void count_attempt(db::Connection& c, int64_t challenge_id);
// False when another request used it first.
bool close_challenge(db::Connection& c, int64_t challenge_id, int64_t now_ms);
// Drops challenges that ended before `before_ms` (used or expired).
int64_t purge_challenges(db::Connection& c, int64_t before_ms);

}  // namespace guanxi::auth::second_factor_repository
