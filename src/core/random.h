#pragma once
// Randomness comes from libsodium's CSPRNG; tokens are url-safe base64.
#include <cstddef>
#include <string>
#include <string_view>

namespace guanxi {

// Must run once before any other call; safe to call again.
void init_crypto();

std::string random_token(size_t bytes);  // base64url, no padding
std::string random_hex(size_t bytes);
std::string sha256_hex(std::string_view data);
// Constant-time comparison for secrets.
bool secure_equals(std::string_view a, std::string_view b);

}  // namespace guanxi
