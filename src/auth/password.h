#pragma once
// Password hashing with argon2id (libsodium) and the password policy.
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>

#include "core/error.h"

namespace guanxi::auth {

enum class HashStrength {
  interactive,  // libsodium's interactive limits: ~70 ms and 64 MiB per hash
  minimal,      // for unit tests only: the library's minimum limits
};

class PasswordHasher {
 public:
  // At most `max_concurrent` hashes run at once: each one takes 64 MiB and a core.
  explicit PasswordHasher(HashStrength strength = HashStrength::interactive, int max_concurrent = 2);
  std::string hash(std::string_view password);
  bool verify(std::string_view stored_hash, std::string_view password);
  // Spends the same effort as verify() for an unknown user, so response time
  // does not tell which user names exist.
  void verify_dummy(std::string_view password);

 private:
  unsigned long long opslimit_;
  size_t memlimit_;
  std::counting_semaphore<64> slots_;
  std::string dummy_hash_;
};

// SEC-5 / 等保 2.0: at least 10 characters from three of four classes (upper,
// lower, digit, other) and not the user name. Returns weak_password otherwise.
std::optional<Error> check_password_policy(std::string_view username, std::string_view password);

// A random password that satisfies the policy (for the bootstrap admin).
std::string generate_password();

}  // namespace guanxi::auth
