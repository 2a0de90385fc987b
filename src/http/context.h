#pragma once
// What a handler gets: the request, the caller, the caller's language.
#include <boost/json/value.hpp>
#include <optional>

#include "auth/user.h"
#include "core/error.h"
#include "core/messages.h"
#include "http/message.h"

namespace guanxi::http {

class RequestContext {
 public:
  RequestContext(Request& request, Locale locale) : request(request), locale(locale) {}

  Request& request;
  Locale locale;
  std::optional<auth::Principal> principal;  // set for signed_in routes

  auth::ClientInfo client() const {
    return {request.remote_address, std::string(request.header("user-agent"))};
  }
  const auth::Principal& user() const { return *principal; }
};

Response json_response(int status, const boost::json::value& body);
Response no_content();
// Renders an Error as application/problem+json (RFC 9457) in the caller's language.
Response problem_response(const Error& error, Locale locale, const std::string& request_id);

// Reads the body as a JSON object: invalid_json (400) when it does not parse
// or is not an object.
Result<boost::json::object> parse_json_object(const Request& request);

// Collects per-field type errors while reading a JSON object; finish() gives
// a 422 validation_failed listing every bad field at once.
class FieldReader {
 public:
  explicit FieldReader(const boost::json::object& object) : object_(object) {}
  std::string required_string(std::string_view field, size_t max_length = 1000);
  std::optional<std::string> optional_string(std::string_view field, size_t max_length = 1000);
  std::optional<Error> finish();

 private:
  const boost::json::object& object_;
  std::vector<FieldError> errors_;
};

}  // namespace guanxi::http
