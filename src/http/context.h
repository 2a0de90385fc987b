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

// The {id} path parameter as a positive integer; not_found otherwise (an id
// that cannot exist is as absent as one that does not).
Result<int64_t> path_id(const RequestContext& ctx, const char* name = "id");

// The version a PATCH expects (If-Match header, else "version" in the body):
// 428 version_required when neither is given.
Result<int64_t> expected_version(const Request& request, const boost::json::object& body);

// What every PATCH on /…/{id} starts with: the id, the JSON body and the
// version it expects (see path_id, parse_json_object, expected_version).
struct PatchRequest {
  int64_t id = 0;
  boost::json::object body;
  int64_t version = 0;
};
Result<PatchRequest> read_patch(const RequestContext& ctx);

// A query parameter's text; nullopt when it is absent or empty.
std::optional<std::string> query_text(const Request& request, const std::string& name);

// A query parameter as a bounded integer (limit, cursor …).
Result<std::optional<int64_t>> query_integer(const Request& request, const std::string& name, int64_t min,
                                             int64_t max);

// Collects per-field type errors while reading a JSON object; finish() gives
// a 422 validation_failed listing every bad field at once.
class FieldReader {
 public:
  explicit FieldReader(const boost::json::object& object) : object_(object) {}
  std::string required_string(std::string_view field, size_t max_length = 1000);
  std::optional<std::string> optional_string(std::string_view field, size_t max_length = 1000);
  std::optional<int64_t> optional_integer(std::string_view field);
  std::optional<bool> optional_bool(std::string_view field);
  std::optional<std::vector<std::string>> optional_string_list(std::string_view field, size_t max_items = 100);
  // A field present with JSON null ("clear it"), as opposed to absent ("keep it").
  bool is_null(std::string_view field) const;
  bool has(std::string_view field) const { return object_.contains(field); }
  void add_error(std::string field, std::string code) { errors_.push_back({std::move(field), std::move(code)}); }
  std::optional<Error> finish();

 private:
  const boost::json::object& object_;
  std::vector<FieldError> errors_;
};

}  // namespace guanxi::http
