#include "http/static_files.h"

#include <fstream>
#include <map>
#include <sstream>

namespace guanxi::http {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream data;
  data << in.rdbuf();
  return data.str();
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

std::string_view content_type_for(const std::filesystem::path& file) {
  static const std::map<std::string, std::string_view> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  auto it = types.find(file.extension().string());
  return it == types.end() ? std::string_view("application/octet-stream") : it->second;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  const std::filesystem::path relative = std::filesystem::path(request.path).relative_path().lexically_normal();
  // Refuse anything that climbs out of the root ("/../etc/passwd").
  if (!relative.empty() && *relative.begin() == "..") return std::nullopt;

  std::error_code ec;
  std::filesystem::path file = root_ / relative;
  const bool is_file = !relative.empty() && std::filesystem::is_regular_file(file, ec);
  const bool is_asset = request.path.starts_with("/assets/");
  if (!is_file) {
    // A missing asset is a real 404; a route like /customers/12 or
    // /users/li.lei is the SPA's.
    const bool looks_like_file = content_type_for(relative) != "application/octet-stream";
    if (is_asset || looks_like_file) return std::nullopt;
    file = root_ / "index.html";
  }
  auto data = read_file(file);
  if (!data) return std::nullopt;
  Response response;
  response.content_type = std::string(content_type_for(file));
  response.body = std::move(*data);
  response.set_header("Cache-Control", is_asset && is_file ? "public, max-age=31536000, immutable" : "no-cache");
  response.set_header("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace guanxi::http
