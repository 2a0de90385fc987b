#include "core/secret_box.h"

#include <sodium.h>

#include <stdexcept>

#include "core/random.h"

namespace guanxi {
namespace {

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

void check_key(std::string_view key) {
  if (key.size() != crypto_secretbox_KEYBYTES) throw std::invalid_argument("secret box key must be 32 bytes");
}

}  // namespace

std::string seal(std::string_view key, std::string_view plaintext) {
  check_key(key);
  std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  randombytes_buf(out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, bytes(plaintext), plaintext.size(), out, bytes(key));
  std::string hex(sealed.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), out, sealed.size());
  hex.pop_back();
  return hex;
}

std::optional<std::string> unseal(std::string_view key, std::string_view sealed_hex) {
  check_key(key);
  auto sealed = from_hex(sealed_hex);
  if (!sealed || sealed->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const auto* in = bytes(*sealed);
  const size_t cipher_size = sealed->size() - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), in + crypto_secretbox_NONCEBYTES,
                                 cipher_size, in, bytes(key)) != 0) {
    return std::nullopt;
  }
  return plain;
}

}  // namespace guanxi
