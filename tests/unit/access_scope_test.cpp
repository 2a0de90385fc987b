// Data scopes (SEC-2, SEC-4): which owners' records a grant covers.
#include <gtest/gtest.h>

#include "app/services.h"
#include "db/migrations.h"
#include "test_database.h"

namespace guanxi::auth {
namespace {

class AccessScopeTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database = testing::make_test_database(GetParam());
    db::migrate(*database, db::application_migrations(), clock.now_ms());
    app::Config config;
    config.audit_key = std::string(64, 'a');
    services = std::make_unique<app::Services>(*database, clock, config, HashStrength::minimal);
    services->prepare();
    admin.user_id = 0;
    admin.username = "test";
    // root ─┬─ 华东 (segment) ─┬─ 上海一部 ── 上海一部一组
    //       │                 └─ 杭州部
    //       ├─ 华南 (segment) ── 广州部
    //       └─ 北京分公司 (branch) ── 北京一部
    root = services->org.ensure_root();
    east = unit("华东", root, "segment");
    shanghai = unit("上海一部", east);
    shanghai_team = unit("上海一部一组", shanghai);
    hangzhou = unit("杭州部", east);
    south = unit("华南", root, "segment");
    guangzhou = unit("广州部", south);
    beijing_branch = unit("北京分公司", root, "branch");
    beijing = unit("北京一部", beijing_branch);
    for (auto [name, at] : std::vector<std::pair<std::string, int64_t>>{
             {"boss", root}, {"east.head", east}, {"sh.a", shanghai}, {"sh.b", shanghai}, {"sh.team", shanghai_team},
             {"hz", hangzhou}, {"gz", guangzhou}, {"bj", beijing}, {"bj.branch", beijing_branch}}) {
      auto user = services->users.add({name, name, "Some-Passw0rd!", {}, false, at, std::nullopt}, "test");
      ids[name] = user->id;
    }
  }

  int64_t unit(const std::string& name, int64_t parent, const std::string& kind = "department") {
    return services->org.create(admin, {name, kind, parent, 0}, {})->id;
  }

  std::vector<int64_t> owners(const std::string& user, DataScope scope) {
    Principal p;
    p.user_id = ids.at(user);
    p.unit_id = services->users.get(p.user_id)->unit_id;
    p.grants.add("customer.read", scope);
    auto result = services->access.owner_scope(p, "customer.read");
    EXPECT_FALSE(result.all);
    return result.owner_ids;
  }

  std::vector<int64_t> of(std::initializer_list<const char*> names) {
    std::vector<int64_t> out;
    for (const char* n : names) out.push_back(ids.at(n));
    std::sort(out.begin(), out.end());
    return out;
  }

  ManualClock clock;
  std::unique_ptr<db::Database> database;
  std::unique_ptr<app::Services> services;
  Principal admin;
  int64_t root, east, shanghai, shanghai_team, hangzhou, south, guangzhou, beijing_branch, beijing;
  std::map<std::string, int64_t> ids;
};

TEST_P(AccessScopeTest, OwnCoversOnlyTheUser) {
  EXPECT_EQ(owners("sh.a", DataScope::own), of({"sh.a"}));
}

TEST_P(AccessScopeTest, UnitCoversTheUnitButNotItsChildren) {
  EXPECT_EQ(owners("sh.a", DataScope::unit), of({"sh.a", "sh.b"}));
}

TEST_P(AccessScopeTest, UnitTreeCoversTheUnitAndEverythingBelow) {
  EXPECT_EQ(owners("sh.a", DataScope::unit_tree), of({"sh.a", "sh.b", "sh.team"}));
}

TEST_P(AccessScopeTest, SegmentCoversTheNearestSegmentFromAnyDepth) {
  const auto east_people = of({"east.head", "sh.a", "sh.b", "sh.team", "hz"});
  EXPECT_EQ(owners("sh.team", DataScope::segment), east_people);
  EXPECT_EQ(owners("east.head", DataScope::segment), east_people);
  EXPECT_EQ(owners("gz", DataScope::segment), of({"gz"}));
}

TEST_P(AccessScopeTest, SegmentFallsBackToTheBranchThenTheRoot) {
  EXPECT_EQ(owners("bj", DataScope::segment), of({"bj", "bj.branch"}));
  EXPECT_EQ(owners("boss", DataScope::segment).size(), ids.size());  // no segment above the root: everyone
}

TEST_P(AccessScopeTest, AllCoversEverythingAndNoGrantCoversNothing) {
  Principal p;
  p.user_id = ids.at("sh.a");
  p.unit_id = shanghai;
  p.grants.add("customer.read", DataScope::all);
  EXPECT_TRUE(services->access.owner_scope(p, "customer.read").all);
  auto none = services->access.owner_scope(p, "customer.export");
  EXPECT_TRUE(none.empty());
  EXPECT_FALSE(none.covers(ids.at("sh.a")));
}

TEST_P(AccessScopeTest, TheWidestRoleWinsPerPermission) {
  Grants grants;
  grants.add("customer.read", DataScope::own);
  grants.add("customer.read", DataScope::segment);
  grants.add("customer.read", DataScope::unit);
  grants.add("customer.export", DataScope::own);
  EXPECT_EQ(grants.scope_of("customer.read"), DataScope::segment);
  EXPECT_EQ(grants.scope_of("customer.export"), DataScope::own);
}

TEST_P(AccessScopeTest, MovingAUnitMovesItsPeopleIntoTheNewSegment) {
  auto hz = services->org.get(hangzhou);
  ASSERT_TRUE(services->org.update(admin, hangzhou, {std::nullopt, std::nullopt, south, std::nullopt}, hz->version, {}));
  EXPECT_EQ(owners("gz", DataScope::segment), of({"gz", "hz"}));
  EXPECT_EQ(owners("east.head", DataScope::segment), of({"east.head", "sh.a", "sh.b", "sh.team"}));
}

TEST(BuiltinRoles, SeparateTheThreeAdministratorDuties) {
  // 三员分立: each administrator role carries exactly one duty.
  for (const char* key : {"system_admin", "security_admin", "auditor"}) {
    EXPECT_EQ(admin_duties_of(find_builtin_role(key)->permissions).size(), 1u) << key;
  }
  for (const auto& role : builtin_roles()) {
    for (const auto& p : role.permissions) EXPECT_TRUE(is_known_permission(p)) << role.key << " " << p;
  }
  // SEC-2: a salesperson sees own customers only.
  EXPECT_EQ(find_builtin_role("salesperson")->scope, DataScope::own);
}

INSTANTIATE_TEST_SUITE_P(Engines, AccessScopeTest, ::testing::ValuesIn(testing::test_engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace guanxi::auth
