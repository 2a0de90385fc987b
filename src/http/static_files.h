#pragma once
// Serves the built SPA (web/dist): correct content types, a year-long cache
// for hashed files under /assets/, and index.html for client-side routes.
#include <filesystem>
#include <optional>

#include "http/message.h"

namespace guanxi::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // nullopt when the path is not ours to answer (the caller sends a 404).
  std::optional<Response> serve(const Request& request) const;

 private:
  std::filesystem::path root_;
};

std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace guanxi::http
