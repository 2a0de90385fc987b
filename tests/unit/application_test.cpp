// The request pipeline as the server drives it, without a socket.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "app/application.h"
#include "core/log.h"
#include "core/random.h"
#include "http/context.h"

namespace guanxi::app {
namespace {

class ApplicationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_crypto();
    log::set_quiet(true);
    dir = std::filesystem::temp_directory_path() / ("guanxi-app-" + random_hex(4));
    Config config;
    config.data_dir = dir.string();
    config.web_dir = (dir / "no-web").string();
    config.admin_password = "Admin-Passw0rd!";
    app = std::make_unique<Application>(config, clock);
  }
  void TearDown() override {
    app.reset();
    log::set_quiet(false);
    std::filesystem::remove_all(dir);
  }
  http::Response call(const std::string& method, const std::string& path) {
    http::Request r;
    r.method = method;
    r.path = path;
    r.target = path;
    return app->handle(r);
  }
  SystemClock clock;
  std::filesystem::path dir;
  std::unique_ptr<Application> app;
};

TEST_F(ApplicationTest, AThrowingHandlerGives500AndTheNextRequestWorks) {
  app->router().add("GET", "/api/v1/test/throw", http::Access::public_route,
                    [](http::RequestContext&) -> Result<http::Response> { throw std::runtime_error("bug"); });
  app->router().add("GET", "/api/v1/test/throw-int", http::Access::public_route,
                    [](http::RequestContext&) -> Result<http::Response> { throw 42; });
  for (const char* path : {"/api/v1/test/throw", "/api/v1/test/throw-int"}) {
    auto crashed = call("GET", path);
    EXPECT_EQ(crashed.status, 500);
    auto body = boost::json::parse(crashed.body).as_object();
    EXPECT_EQ(body["code"], "internal_error");
    EXPECT_FALSE(body["request_id"].as_string().empty());
  }
  EXPECT_EQ(call("GET", "/healthz").status, 200);
}

TEST_F(ApplicationTest, SignedInRoutesNeedASession) {
  auto response = call("GET", "/api/v1/auth/me");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(boost::json::parse(response.body).at("code"), "unauthenticated");
}

TEST_F(ApplicationTest, EveryResponseHasARequestId) {
  for (const char* path : {"/healthz", "/api/v1/nothing", "/no-web-build"}) {
    auto response = call("GET", path);
    bool found = false;
    for (auto& [name, value] : response.headers) found |= name == "X-Request-Id" && !value.empty();
    EXPECT_TRUE(found) << path;
  }
}

TEST_F(ApplicationTest, FirstStartCreatesAdminOnce) {
  auto users = app->database().acquire()->query("SELECT username FROM users");
  ASSERT_EQ(users.rows.size(), 1u);
  EXPECT_EQ(users.rows[0].text(0), "admin");
  // The password came from the configuration, so no password file is written.
  EXPECT_FALSE(std::filesystem::exists(dir / "initial-admin-password"));
}

TEST(ApplicationFirstStart, GeneratedAdminPasswordIsStoredPrivately) {
  init_crypto();
  log::set_quiet(true);
  const auto dir = std::filesystem::temp_directory_path() / ("guanxi-app-" + random_hex(4));
  SystemClock clock;
  {
    Config config;
    config.data_dir = dir.string();
    Application app(config, clock);
  }
  log::set_quiet(false);
  const auto file = dir / "initial-admin-password";
  ASSERT_TRUE(std::filesystem::exists(file));
  const auto perms = std::filesystem::status(file).permissions();
  EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
            std::filesystem::perms::none);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace guanxi::app
