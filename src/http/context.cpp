#include "http/context.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace guanxi::http {

Response json_response(int status, const boost::json::value& body) {
  Response response;
  response.status = status;
  response.body = boost::json::serialize(body);
  return response;
}

Response no_content() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Response problem_response(const Error& error, Locale locale, const std::string& request_id) {
  boost::json::object body;
  body["type"] = "https://guanxi.dev/problems/" + error.code;
  body["title"] = error_title(error.code, locale);
  body["status"] = error.status;
  std::vector<std::string> args = error.args;
  if (error.code == "internal_error" && args.empty()) args.push_back(request_id);
  body["detail"] = error_detail(error.code, locale, args);
  body["code"] = error.code;
  if (!request_id.empty()) body["request_id"] = request_id;
  if (!error.errors.empty()) {
    boost::json::array errors;
    for (const auto& e : error.errors) {
      errors.push_back({{"field", e.field}, {"code", e.code}, {"message", field_error_message(e.code, locale)}});
    }
    body["errors"] = std::move(errors);
  }
  Response response = json_response(error.status, body);
  response.content_type = "application/problem+json; charset=utf-8";
  response.set_header("Content-Language", std::string(locale_tag(locale)));
  return response;
}

Result<boost::json::object> parse_json_object(const Request& request) {
  // A JSON content type is required: a cross-site form or a fetch() without
  // headers cannot send one, which closes the login-CSRF door.
  std::string_view type = request.header("content-type");
  if (type.find("application/json") == std::string_view::npos &&
      type.find("+json") == std::string_view::npos) {
    return fail(Error::make(415, "unsupported_media_type"));
  }
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(request.body, ec);
  if (ec) return fail(Error::make(400, "invalid_json", {ec.message()}));
  if (!value.is_object()) return fail(Error::make(400, "invalid_json", {"expected a JSON object"}));
  return std::move(value.as_object());
}

std::string FieldReader::required_string(std::string_view field, size_t max_length) {
  const auto* value = object_.if_contains(field);
  if (!value || value->is_null()) {
    errors_.push_back({std::string(field), "required"});
    return {};
  }
  if (!value->is_string()) {
    errors_.push_back({std::string(field), "must_be_string"});
    return {};
  }
  std::string text(value->as_string());
  if (text.empty()) errors_.push_back({std::string(field), "required"});
  if (text.size() > max_length) errors_.push_back({std::string(field), "too_long"});
  return text;
}

std::optional<std::string> FieldReader::optional_string(std::string_view field, size_t max_length) {
  const auto* value = object_.if_contains(field);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_string()) {
    errors_.push_back({std::string(field), "must_be_string"});
    return std::nullopt;
  }
  if (value->as_string().size() > max_length) errors_.push_back({std::string(field), "too_long"});
  return std::string(value->as_string());
}

std::optional<Error> FieldReader::finish() {
  if (errors_.empty()) return std::nullopt;
  return Error::validation(errors_);
}

}  // namespace guanxi::http
