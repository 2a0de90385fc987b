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
  const std::string& message_key = error.message_key.empty() ? error.code : error.message_key;
  body["title"] = error_title(message_key, locale);
  body["status"] = error.status;
  std::vector<std::string> args = error.args;
  if (error.code == "internal_error" && args.empty()) args.push_back(request_id);
  body["detail"] = error_detail(message_key, locale, args);
  body["code"] = error.code;
  if (!request_id.empty()) body["request_id"] = request_id;
  if (!error.errors.empty()) {
    boost::json::array errors;
    for (const auto& e : error.errors) {
      errors.push_back({{"field", e.field}, {"code", e.code}, {"message", field_error_message(e.code, locale)}});
    }
    body["errors"] = std::move(errors);
  }
  if (!error.extensions_json.empty()) {
    boost::system::error_code ec;
    auto extensions = boost::json::parse(error.extensions_json, ec);
    if (!ec && extensions.is_object()) {
      for (const auto& [key, value] : extensions.as_object()) {
        if (!body.contains(key)) body[key] = value;  // never overrides the standard members
      }
    }
  }
  Response response = json_response(error.status, body);
  response.content_type = "application/problem+json; charset=utf-8";
  response.set_header("Content-Language", std::string(locale_tag(locale)));
  return response;
}

namespace {

std::optional<int64_t> parse_positive(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

Result<int64_t> path_id(const RequestContext& ctx, const char* name) {
  auto it = ctx.request.path_params.find(name);
  if (it == ctx.request.path_params.end()) return fail(Error::not_found());
  auto id = parse_positive(it->second);
  if (!id || *id == 0) return fail(Error::not_found());
  return *id;
}

Result<int64_t> expected_version(const Request& request, const boost::json::object& body) {
  std::string_view header = request.header("if-match");
  if (!header.empty()) {
    // Accept both the bare number and an ETag-style quoted "3" or W/"3".
    if (header.starts_with("W/")) header.remove_prefix(2);
    if (header.size() >= 2 && header.front() == '"' && header.back() == '"') header = header.substr(1, header.size() - 2);
    if (auto v = parse_positive(header)) return *v;
    return fail(Error::validation({{"If-Match", "invalid_format"}}));
  }
  if (const auto* v = body.if_contains("version")) {
    if (v->is_int64() && v->as_int64() > 0) return v->as_int64();
    return fail(Error::validation({{"version", "must_be_integer"}}));
  }
  return fail(Error::make(428, "version_required"));
}

Result<PatchRequest> read_patch(const RequestContext& ctx) {
  auto id = path_id(ctx);
  if (!id) return fail(id.error());
  auto body = parse_json_object(ctx.request);
  if (!body) return fail(body.error());
  auto version = expected_version(ctx.request, *body);
  if (!version) return fail(version.error());
  return PatchRequest{*id, std::move(*body), *version};
}

std::optional<std::string> query_text(const Request& request, const std::string& name) {
  auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

Result<std::optional<int64_t>> query_integer(const Request& request, const std::string& name, int64_t min,
                                             int64_t max) {
  auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return std::optional<int64_t>{};
  std::string_view text = it->second;
  const bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);
  auto value = parse_positive(text);
  if (!value) return fail(Error::validation({{name, "must_be_integer"}}));
  const int64_t signed_value = negative ? -*value : *value;
  if (signed_value < min || signed_value > max) return fail(Error::validation({{name, "out_of_range"}}));
  return std::optional<int64_t>{signed_value};
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

std::optional<int64_t> FieldReader::optional_integer(std::string_view field) {
  const auto* value = object_.if_contains(field);
  if (!value || value->is_null()) return std::nullopt;
  if (value->is_int64()) return value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= INT64_MAX) return static_cast<int64_t>(value->as_uint64());
  errors_.push_back({std::string(field), "must_be_integer"});
  return std::nullopt;
}

std::optional<bool> FieldReader::optional_bool(std::string_view field) {
  const auto* value = object_.if_contains(field);
  if (!value || value->is_null()) return std::nullopt;
  if (value->is_bool()) return value->as_bool();
  errors_.push_back({std::string(field), "must_be_boolean"});
  return std::nullopt;
}

std::optional<std::vector<std::string>> FieldReader::optional_string_list(std::string_view field, size_t max_items) {
  const auto* value = object_.if_contains(field);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_array()) {
    errors_.push_back({std::string(field), "must_be_array"});
    return std::nullopt;
  }
  std::vector<std::string> items;
  for (const auto& item : value->as_array()) {
    if (!item.is_string()) {
      errors_.push_back({std::string(field), "must_be_string"});
      return std::nullopt;
    }
    items.emplace_back(item.as_string());
  }
  if (items.size() > max_items) errors_.push_back({std::string(field), "too_long"});
  return items;
}

bool FieldReader::is_null(std::string_view field) const {
  const auto* value = object_.if_contains(field);
  return value && value->is_null();
}

std::optional<Error> FieldReader::finish() {
  if (errors_.empty()) return std::nullopt;
  return Error::validation(errors_);
}

}  // namespace guanxi::http
