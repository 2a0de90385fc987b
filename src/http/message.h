#pragma once
// Plain request/response values: handlers never see Beast types, which keeps
// Beast out of every translation unit but the server's.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace guanxi::http {

struct Request {
  std::string method;  // "GET", "POST" …
  std::string target;  // raw request target, path plus query
  std::string path;    // percent-decoded path
  std::map<std::string, std::string> query;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string remote_address;
  std::string request_id;
  std::map<std::string, std::string> path_params;  // filled by the router

  // First header with this (lower-case) name, or "".
  std::string_view header(std::string_view lower_name) const;
  std::string_view cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is this file, sent from disk and deleted afterwards:
  // an export of a million rows never sits in memory (issue 5 point 6).
  std::string body_file;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// The client's address behind trusted reverse proxies (SEC-7: the access and
// audit logs say where a request came from). When the peer is one of
// `trusted_proxies`, the X-Forwarded-For entries are read from the right and
// the first one that is not a trusted proxy is the client; anything else
// (an untrusted peer, no header, a malformed entry) keeps the peer's address,
// so a client cannot name its own address.
std::string client_address(const Request& request, const std::vector<std::string>& trusted_proxies);

// Splits a raw target into a decoded path and query parameters.
// Returns false when the target is not a valid origin-form URL.
bool parse_target(std::string_view target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace guanxi::http
