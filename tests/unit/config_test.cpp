#include <gtest/gtest.h>

#include <cstdlib>

#include "app/config.h"

namespace guanxi::app {
namespace {

TEST(Config, DefaultsMatchTheDesign) {
  auto config = load_config({});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->session_idle, std::chrono::minutes(30));
  EXPECT_EQ(config->session_absolute, std::chrono::hours(12));
  EXPECT_EQ(config->lockout_threshold, 5);
  EXPECT_EQ(config->lockout_duration, std::chrono::minutes(15));
}

TEST(Config, FlagsOverrideEnvironment) {
  ::setenv("GUANXI_LISTEN", "127.0.0.1:9999", 1);
  ::setenv("GUANXI_SESSION_IDLE_SECONDS", "120", 1);
  auto config = load_config({"--listen", "127.0.0.1:7000", "--data-dir=/tmp/x"});
  ::unsetenv("GUANXI_LISTEN");
  ::unsetenv("GUANXI_SESSION_IDLE_SECONDS");
  ASSERT_TRUE(config);
  EXPECT_EQ(config->listen, "127.0.0.1:7000");
  EXPECT_EQ(config->data_dir, "/tmp/x");
  EXPECT_EQ(config->session_idle, std::chrono::seconds(120));
  EXPECT_EQ(config->effective_database_url(), "sqlite:/tmp/x/guanxi.db");
}

TEST(Config, UnknownFlagsAndBadNumbersAreErrors) {
  EXPECT_EQ(load_config({"--no-such-flag", "1"}).error().code, "unknown_flag");
  EXPECT_EQ(load_config({"--max-body-bytes", "lots"}).error().code, "bad_setting");
  EXPECT_EQ(load_config({"--secure-cookies", "yes"}).error().code, "bad_setting");
  EXPECT_EQ(load_config({"--worker-threads", "0"}).error().code, "bad_setting");
  EXPECT_EQ(load_config({"--sqlite-cache-mb", "0"}).error().code, "bad_setting");
  EXPECT_EQ(load_config({"--sqlite-cache-mb", "4294967360"}).error().code, "bad_setting") << "not wrapped to 64";
  EXPECT_EQ(load_config({"--worker-threads", "4294967297"}).error().code, "bad_setting");
  EXPECT_EQ(load_config({"--sqlite-cache-mb", "8193"}).error().code, "bad_setting");
  EXPECT_EQ(load_config({"--sqlite-cache-mb", "256"})->sqlite_cache_mb, 256);
  EXPECT_EQ(load_config({})->sqlite_cache_mb, 64);
  // SEC-7, 网络安全法 art. 21: logs are kept at least six months; 0 keeps them all.
  EXPECT_EQ(load_config({})->access_log_retention_days, 365);
  EXPECT_EQ(load_config({"--access-log-retention-days", "179"}).error().code, "bad_setting");
  EXPECT_EQ(load_config({"--access-log-retention-days", "180"})->access_log_retention_days, 180);
  EXPECT_EQ(load_config({"--access-log-retention-days", "0"})->access_log_retention_days, 0);
  // Issue 4 point 6: the audit log is kept whole unless a period of at least 180 days is set.
  EXPECT_EQ(load_config({})->audit_retention_days, 0);
  EXPECT_EQ(load_config({"--audit-retention-days", "90"}).error().code, "bad_setting");
  EXPECT_EQ(load_config({"--audit-retention-days", "400"})->audit_retention_days, 400);
  // SEC-7: the proxies whose X-Forwarded-For is believed.
  EXPECT_TRUE(load_config({})->trusted_proxies.empty());
  EXPECT_EQ(load_config({"--trusted-proxies", "127.0.0.1, ::1"})->trusted_proxies,
            (std::vector<std::string>{"127.0.0.1", "::1"}));
  EXPECT_EQ(load_config({"--trusted-proxies", "nginx.local"}).error().code, "bad_setting");
  EXPECT_EQ(load_config({"--trusted-proxies", "127.0.0.1,"}).error().code, "bad_setting");
}

}  // namespace
}  // namespace guanxi::app
