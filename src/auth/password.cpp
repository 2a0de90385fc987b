#include "auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/random.h"

namespace guanxi::auth {
namespace {

struct SlotGuard {
  std::counting_semaphore<64>& slots;
  explicit SlotGuard(std::counting_semaphore<64>& s) : slots(s) { slots.acquire(); }
  ~SlotGuard() { slots.release(); }
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

PasswordHasher::PasswordHasher(HashStrength strength, int max_concurrent)
    : opslimit_(strength == HashStrength::interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                                      : crypto_pwhash_OPSLIMIT_MIN),
      memlimit_(strength == HashStrength::interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                                      : crypto_pwhash_MEMLIMIT_MIN),
      slots_(std::clamp(max_concurrent, 1, 64)) {
  dummy_hash_ = hash(random_token(16));
}

std::string PasswordHasher::hash(std::string_view password) {
  SlotGuard guard(slots_);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), opslimit_, memlimit_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing ran out of memory");
  }
  return out;
}

bool PasswordHasher::verify(std::string_view stored_hash, std::string_view password) {
  SlotGuard guard(slots_);
  const std::string hash_text(stored_hash);
  return crypto_pwhash_str_verify(hash_text.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verify_dummy(std::string_view password) { verify(dummy_hash_, password); }

std::optional<Error> check_password_policy(std::string_view username, std::string_view password) {
  bool upper = false, lower_case = false, digit = false, other = false;
  size_t characters = 0;
  for (unsigned char c : password) {
    if ((c & 0xC0) != 0x80) ++characters;  // count UTF-8 code points, not bytes
    if (std::isupper(c)) upper = true;
    else if (std::islower(c)) lower_case = true;
    else if (std::isdigit(c)) digit = true;
    else other = true;
  }
  const int classes = upper + lower_case + digit + other;
  if (characters < 10 || classes < 3 || lower(password) == lower(username)) {
    Error e = Error::make(422, "weak_password");
    e.errors.push_back({"password", "invalid_format"});
    return e;
  }
  return std::nullopt;
}

std::string generate_password() {
  // 18 url-safe base64 characters plus fixed classes so the policy always holds.
  return random_token(14) + "-Gx7";
}

}  // namespace guanxi::auth
