#pragma once
// Small secrets at rest (second-factor seeds, ADR 0013), sealed with
// libsodium's crypto_secretbox (XSalsa20-Poly1305) under a key kept outside
// the database: whoever reads the tables alone learns nothing.
#include <optional>
#include <string>
#include <string_view>

namespace guanxi {

// Hex of a fresh random nonce followed by the ciphertext. `key` is 32 bytes.
std::string seal(std::string_view key, std::string_view plaintext);
// nullopt when the text was not sealed under `key` or was altered.
std::optional<std::string> unseal(std::string_view key, std::string_view sealed_hex);

}  // namespace guanxi
