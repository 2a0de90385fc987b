#pragma once
// One-time passwords for the second factor (ADR 0013): HOTP (RFC 4226) over
// HMAC-SHA-1, TOTP (RFC 6238) with 30-second steps, and the Base32 text
// (RFC 4648) authenticator apps read the secret in.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace guanxi::auth::totp {

inline constexpr int64_t kStepSeconds = 30;
inline constexpr int kDigits = 6;

// The `digits`-digit code of `counter` under `key`, zero-padded.
std::string hotp(std::string_view key, uint64_t counter, int digits = kDigits);
// The step a moment (ms since the epoch) falls in.
inline int64_t step_at(int64_t epoch_ms) { return epoch_ms / 1000 / kStepSeconds; }

// Upper-case Base32 without padding, as otpauth URIs carry it.
std::string base32_encode(std::string_view bytes);
// Accepts upper or lower case, spaces and padding; nullopt on any other character.
std::optional<std::string> base32_decode(std::string_view text);

// otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

// The step within one step of `now_step` whose code is `code`, skipping steps
// at or before `last_used_step` (a code works once). nullopt when none matches.
std::optional<int64_t> matching_step(std::string_view key, std::string_view code, int64_t now_step,
                                     int64_t last_used_step);

}  // namespace guanxi::auth::totp
