#pragma once
// Randomness comes from libsodium's CSPRNG; tokens are url-safe base64.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace guanxi {

// Must run once before any other call; safe to call again.
void init_crypto();

std::string random_token(size_t bytes);  // base64url, no padding
std::string random_hex(size_t bytes);
std::string sha256_hex(std::string_view data);
// HMAC-SHA-256 of `data` under `key` (any length), as 64 hex digits.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// Decodes hex; nullopt when the text is not an even number of hex digits.
std::optional<std::string> from_hex(std::string_view hex);
// Constant-time comparison for secrets.
bool secure_equals(std::string_view a, std::string_view b);

}  // namespace guanxi
