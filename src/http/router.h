#pragma once
// Method + path-pattern routing with named parameters: "/api/v1/users/{id}".
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/message.h"

namespace guanxi::http {

class RequestContext;
using Handler = std::function<Result<Response>(RequestContext&)>;

enum class Access {
  public_route,  // no session needed (login, health, metrics, documents)
  signed_in,     // a live session; state-changing methods also need X-CSRF-Token
  // Signed in, and reachable while a password change is pending (me, logout,
  // change password): every other route answers password_change_required.
  account_self,
};
std::string_view access_name(Access access);

struct Route {
  std::string method;
  std::string pattern;
  Access access;
  Handler handler;
  // The caller needs at least one of these permissions (empty: any signed-in
  // user). Checked before the handler; data scope is the service's job.
  std::vector<std::string> any_of;
  // The pattern split at '/', once, so matching does not split it per request.
  std::vector<std::string> segments;
};

struct RouteMatch {
  const Route* route = nullptr;   // null when nothing matched
  bool path_matched = false;      // a route has this path but another method (405)
  std::string allowed_methods;    // for the Allow header of a 405
  std::map<std::string, std::string> params;
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, Handler handler);
  // A signed-in route that needs one of `any_of` (SEC-4).
  void add(std::string method, std::string pattern, std::vector<std::string> any_of, Handler handler);
  RouteMatch match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace guanxi::http
