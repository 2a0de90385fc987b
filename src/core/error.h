#pragma once
// Expected failures (bad input, not found, conflict, forbidden) travel as values:
// Result<T> holds either T or an Error that the HTTP layer turns into problem+json.
#include <expected>
#include <string>
#include <vector>

namespace guanxi {

struct FieldError {
  std::string field;
  std::string code;  // stable machine code, e.g. "required", "must_be_string"
};

struct Error {
  int status = 500;
  std::string code;  // stable machine code, e.g. "validation_failed"
  std::vector<FieldError> errors;
  // Optional values substituted into the localized message ({0}, {1} …).
  std::vector<std::string> args;
  // Optional JSON object text whose members join the problem body (RFC 9457
  // extension members), e.g. {"current": {…}} on a version conflict.
  std::string extensions_json;
  // When set, the localized title and detail come from this key instead of
  // `code` (one stable code, a more precise message).
  std::string message_key;

  static Error make(int status, std::string code, std::vector<std::string> args = {}) {
    return Error{status, std::move(code), {}, std::move(args), {}, {}};
  }
  static Error validation(std::vector<FieldError> errors) {
    return Error{422, "validation_failed", std::move(errors), {}, {}, {}};
  }
  static Error not_found() { return make(404, "not_found"); }
  static Error unauthenticated() { return make(401, "unauthenticated"); }
  static Error forbidden() { return make(403, "forbidden"); }
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(Error e) { return std::unexpected<Error>(std::move(e)); }

}  // namespace guanxi
