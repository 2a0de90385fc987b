#include <gtest/gtest.h>

#include "http/router.h"

namespace guanxi::http {
namespace {

Handler ok() {
  return [](RequestContext&) -> Result<Response> { return Response{}; };
}

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router router;
  router.add("GET", "/api/v1/users", Access::signed_in, ok());
  router.add("GET", "/api/v1/users/{id}", Access::signed_in, ok());
  auto match = router.match("GET", "/api/v1/users/42");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/v1/users/{id}");
  EXPECT_EQ(match.params.at("id"), "42");
  auto list = router.match("GET", "/api/v1/users");
  ASSERT_NE(list.route, nullptr);
  EXPECT_EQ(list.route->pattern, "/api/v1/users");
}

TEST(Router, UnknownPathMatchesNothing) {
  Router router;
  router.add("GET", "/api/v1/users/{id}", Access::signed_in, ok());
  EXPECT_EQ(router.match("GET", "/api/v1/users/").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/v1/users/1/extra").route, nullptr);
  EXPECT_FALSE(router.match("GET", "/api/v1/nothing").path_matched);
}

TEST(Router, WrongMethodReportsAllowedMethods) {
  Router router;
  router.add("POST", "/api/v1/auth/login", Access::public_route, ok());
  auto match = router.match("GET", "/api/v1/auth/login");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_matched);
  EXPECT_EQ(match.allowed_methods, "POST");
}

TEST(Router, HeadIsServedByGetRoutes) {
  Router router;
  router.add("GET", "/healthz", Access::public_route, ok());
  EXPECT_NE(router.match("HEAD", "/healthz").route, nullptr);
}

}  // namespace
}  // namespace guanxi::http
