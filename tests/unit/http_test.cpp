#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "core/random.h"
#include "http/context.h"
#include "http/metrics.h"
#include "http/static_files.h"

namespace guanxi::http {
namespace {

boost::json::object body_of(const Response& r) { return boost::json::parse(r.body).as_object(); }

TEST(ProblemResponse, IsRfc9457WithStableCodeAndChineseByDefault) {
  Error e = Error::validation({{"username", "must_be_string"}});
  auto zh = problem_response(e, Locale::zh_CN, "req1");
  EXPECT_EQ(zh.status, 422);
  EXPECT_EQ(zh.content_type, "application/problem+json; charset=utf-8");
  auto body = body_of(zh);
  EXPECT_EQ(body["code"], "validation_failed");
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["title"], "数据校验失败");
  EXPECT_EQ(body["request_id"], "req1");
  auto& errors = body["errors"].as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("field"), "username");
  EXPECT_EQ(errors[0].at("code"), "must_be_string");
  EXPECT_EQ(errors[0].at("message"), "必须是字符串");

  auto en = body_of(problem_response(e, Locale::en, "req1"));
  EXPECT_EQ(en["title"], "Validation failed");
  EXPECT_EQ(en["errors"].as_array()[0].at("message"), "must be a string");
}

TEST(ProblemResponse, SubstitutesArguments) {
  auto body = body_of(problem_response(Error::make(413, "payload_too_large", {"1024"}), Locale::en, ""));
  EXPECT_EQ(body["detail"], "The request body exceeds the limit of 1024 bytes.");
  auto internal = body_of(problem_response(Error::make(500, "internal_error"), Locale::zh_CN, "abc123"));
  EXPECT_NE(std::string(internal["detail"].as_string()).find("abc123"), std::string::npos);
}

TEST(AcceptLanguage, ChineseUnlessEnglishIsPreferred) {
  EXPECT_EQ(locale_from_accept_language(""), Locale::zh_CN);
  EXPECT_EQ(locale_from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Locale::zh_CN);
  EXPECT_EQ(locale_from_accept_language("en"), Locale::en);
  EXPECT_EQ(locale_from_accept_language("en-US,en;q=0.9"), Locale::en);
  EXPECT_EQ(locale_from_accept_language("fr-FR"), Locale::zh_CN);
}

TEST(JsonBody, MalformedAndNonObjectBodiesAreInvalidJson) {
  Request r;
  r.headers = {{"content-type", "application/json"}};
  r.body = "{\"username\": ";
  auto bad = parse_json_object(r);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "invalid_json");
  EXPECT_EQ(bad.error().status, 400);
  r.body = "[1,2]";
  EXPECT_EQ(parse_json_object(r).error().code, "invalid_json");
  r.body = "{}";
  r.headers = {{"content-type", "text/plain"}};
  EXPECT_EQ(parse_json_object(r).error().code, "unsupported_media_type");
  r.headers = {};  // no Content-Type at all (a cross-site fetch with a Blob)
  EXPECT_EQ(parse_json_object(r).error().code, "unsupported_media_type");
  r.headers = {{"content-type", "application/json; charset=utf-8"}};
  EXPECT_TRUE(parse_json_object(r));
}

TEST(FieldReader, CollectsEveryBadFieldAtOnce) {
  auto object = boost::json::parse(R"({"username": 5, "password": "", "extra": true})").as_object();
  FieldReader fields(object);
  fields.required_string("username");
  fields.required_string("password");
  fields.required_string("missing");
  auto error = fields.finish();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status, 422);
  ASSERT_EQ(error->errors.size(), 3u);
  EXPECT_EQ(error->errors[0].code, "must_be_string");
  EXPECT_EQ(error->errors[1].code, "required");
  EXPECT_EQ(error->errors[2].field, "missing");
}

TEST(RequestTarget, DecodesPathAndQuery) {
  std::string path;
  std::map<std::string, std::string> query;
  ASSERT_TRUE(parse_target("/api/v1/customers?q=%E5%8D%8E%E4%B8%BA&limit=20", path, query));
  EXPECT_EQ(path, "/api/v1/customers");
  EXPECT_EQ(query["q"], "华为");
  EXPECT_EQ(query["limit"], "20");
  EXPECT_FALSE(parse_target("http://[bad", path, query));
}

TEST(Cookies, AreFoundByName) {
  Request r;
  r.headers = {{"cookie", "a=1; guanxi_session=tok; b=2"}};
  EXPECT_EQ(r.cookie("guanxi_session"), "tok");
  EXPECT_EQ(r.cookie("b"), "2");
  EXPECT_EQ(r.cookie("missing"), "");
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_crypto();
    root = std::filesystem::temp_directory_path() / ("guanxi-static-" + random_hex(4));
    std::filesystem::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<html>spa</html>";
    std::ofstream(root / "assets" / "app-1a2b.js") << "console.log(1)";
    std::ofstream(root / "assets" / "app-1a2b.css") << "body{}";
    std::ofstream(root / "favicon.svg") << "<svg/>";
  }
  void TearDown() override { std::filesystem::remove_all(root); }
  std::optional<Response> get(const std::string& path) {
    Request r;
    r.method = "GET";
    r.path = path;
    return StaticFiles(root).serve(r);
  }
  static std::string header(const Response& r, const std::string& name) {
    for (auto& [n, v] : r.headers) {
      if (n == name) return v;
    }
    return "";
  }
  std::filesystem::path root;
};

TEST_F(StaticFilesTest, HashedAssetsGetLongCacheAndRightTypes) {
  auto js = get("/assets/app-1a2b.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header(*js, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(get("/assets/app-1a2b.css")->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(get("/favicon.svg")->content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, ClientRoutesGetIndexHtmlWithoutCaching) {
  for (const char* path : {"/", "/customers/12", "/login"}) {
    auto page = get(path);
    ASSERT_TRUE(page) << path;
    EXPECT_EQ(page->body, "<html>spa</html>");
    EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(header(*page, "Cache-Control"), "no-cache");
  }
}

TEST_F(StaticFilesTest, MissingFilesAndTraversalAreNotServed) {
  EXPECT_FALSE(get("/assets/missing.js"));
  EXPECT_FALSE(get("/missing.png"));
  EXPECT_FALSE(get("/../../etc/passwd"));
  EXPECT_FALSE(get("/assets/../../etc/passwd"));
}

TEST_F(StaticFilesTest, RoutesWithDotsAreStillClientRoutes) {
  auto page = get("/users/li.lei");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body, "<html>spa</html>");
}

TEST(Metrics, CountsByRouteAndFillsHistogramBuckets) {
  Metrics m;
  m.observe("GET", "/healthz", 200, 0.0005);
  m.observe("GET", "/healthz", 200, 0.2);
  m.observe("GET", "/api/v1/users/{id}", 404, 0.003);
  m.observe("FOOBAR1", "unmatched", 404, 0.001);
  m.observe("FOOBAR2", "unmatched", 404, 0.001);
  const std::string text = m.render_prometheus();
  EXPECT_NE(text.find("guanxi_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("route=\"/api/v1/users/{id}\",status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(text.find("guanxi_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"0.001\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("guanxi_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"+Inf\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("guanxi_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 2"),
            std::string::npos);
  EXPECT_EQ(text.find("FOOBAR"), std::string::npos);
  EXPECT_NE(text.find("method=\"OTHER\",route=\"unmatched\",status=\"404\"} 2"), std::string::npos);
}

// SEC-7: behind nginx the logs name the user's address, never one a client typed.
TEST(ClientAddress, IsReadFromForwardedForOnlyBehindATrustedProxy) {
  Request request;
  request.remote_address = "127.0.0.1";
  request.headers = {{"x-forwarded-for", "203.0.113.7, 10.0.0.2"}};
  const std::vector<std::string> proxies{"127.0.0.1", "10.0.0.2"};
  EXPECT_EQ(client_address(request, proxies), "203.0.113.7");  // the rightmost untrusted hop
  EXPECT_EQ(client_address(request, {}), "127.0.0.1");         // no trusted proxy: the peer
  request.headers = {{"x-forwarded-for", "1.2.3.4, 198.51.100.9"}};
  EXPECT_EQ(client_address(request, proxies), "198.51.100.9") << "what the client put first is not believed";
  request.headers = {{"x-forwarded-for", "<script>"}};
  EXPECT_EQ(client_address(request, proxies), "127.0.0.1");
  request.headers = {};
  EXPECT_EQ(client_address(request, proxies), "127.0.0.1");
  request.remote_address = "192.0.2.1";  // not a proxy of ours: its header means nothing
  request.headers = {{"x-forwarded-for", "203.0.113.7"}};
  EXPECT_EQ(client_address(request, proxies), "192.0.2.1");
  request.remote_address = "::1";
  request.headers = {{"x-forwarded-for", "2001:db8::5"}};
  EXPECT_EQ(client_address(request, {"::1"}), "2001:db8::5");
}

}  // namespace
}  // namespace guanxi::http
