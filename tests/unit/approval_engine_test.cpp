// The approval engine (issue 5 point 1, ADR 0016) on both engines: steps,
// scopes, deadlines in working days across the Spring Festival, decisions,
// and a type's effect inside the deciding transaction.
#include <gtest/gtest.h>

#include <set>

#include "app/services.h"
#include "db/migrations.h"
#include "test_database.h"

namespace guanxi::approvals {
namespace {

using std::chrono::sys_days;
using Selector = approval_repository::ListFilter::Selector;

int64_t at_shanghai_ten(Date date) {  // 10:00 in Asia/Shanghai is 02:00 UTC
  return std::chrono::duration_cast<std::chrono::milliseconds>(sys_days(date).time_since_epoch()).count() +
         2 * 3600 * 1000;
}
constexpr Date d(int y, unsigned m, unsigned day) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(day)};
}

class ApprovalEngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database = testing::make_test_database(GetParam());
    db::migrate(*database, db::application_migrations(), clock.now_ms());
    app::Config config;
    config.audit_key = std::string(64, 'a');
    services = std::make_unique<app::Services>(*database, clock, config, auth::HashStrength::minimal);
    services->prepare();
    auth::Principal console;
    console.username = "test";
    const int64_t root = services->org.ensure_root();
    const int64_t east = services->org.create(console, {"华东", "segment", root, 0}, {})->id;
    const int64_t shanghai = services->org.create(console, {"上海一部", "department", east, 0}, {})->id;
    const int64_t hangzhou = services->org.create(console, {"杭州部", "department", east, 0}, {})->id;
    add("boss", {"group_management"}, root);
    add("sh.head", {"department_head"}, shanghai);
    add("hz.head", {"department_head"}, hangzhou);
    add("sh.sales", {"salesperson"}, shanghai, ids.at("sh.head"));
    add("lonely", {"salesperson"}, hangzhou);
    // Friday 2025-01-24, the last workday before the Spring Festival of 2025.
    clock.advance(std::chrono::milliseconds(at_shanghai_ten(d(2025, 1, 24)) - clock.now_ms()));
  }

  void add(const std::string& name, std::vector<std::string> roles, int64_t unit,
           std::optional<int64_t> manager = std::nullopt) {
    auto user = services->users.add({name, name + "名", "Some-Passw0rd!1", std::move(roles), false, unit, manager},
                                    "test");
    ASSERT_TRUE(user) << user.error().code;
    ids[name] = user->id;
  }

  auth::Principal as(const std::string& name) {
    auto login = services->auth.login(name, "Some-Passw0rd!1", {});
    EXPECT_TRUE(login) << name;
    return login->principal;
  }

  Result<RequestView> submit_general(const std::string& who) {
    return services->approvals.submit(as(who), "general", "申请特价", boost::json::object{{"content", "折扣 8 折"}}, {});
  }

  void set_flow(std::vector<FlowStep> steps) {
    auto current = services->approvals.flows().front();
    auto saved = services->approvals.set_flow(as("boss"), "general", std::move(steps), current.version, {});
    ASSERT_TRUE(saved) << saved.error().code;
  }

  ManualClock clock;
  std::unique_ptr<db::Database> database;
  std::unique_ptr<app::Services> services;
  std::map<std::string, int64_t> ids;
};

TEST_P(ApprovalEngineTest, DeadlineSkipsTheSpringFestivalAndCountsTheMakeUpSunday) {
  // Default flow: the manager within 2 working days. Sunday 01-26 is a make-up
  // workday, so the second working day after Friday 01-24 is Monday 01-27.
  auto request = submit_general("sh.sales");
  ASSERT_TRUE(request) << request.error().code;
  EXPECT_EQ(request->request.steps.at(0).due_on, "2025-01-27");
  EXPECT_EQ(*request->request.steps.at(0).user_id, ids.at("sh.head"));
  // Three working days: 01-26, 01-27, then the holiday 01-28 … 02-04, so 02-05.
  set_flow({{"经理审批", "manager", "", std::nullopt, 3}});
  EXPECT_EQ(submit_general("sh.sales")->request.steps.at(0).due_on, "2025-02-05");
}

TEST_P(ApprovalEngineTest, ARequestIsOverdueOnlyAfterItsDueDate) {
  auto request = submit_general("sh.sales");
  ASSERT_TRUE(request);
  const auto head = as("sh.head");
  EXPECT_EQ(services->approvals.count(head), std::make_pair(int64_t{1}, int64_t{0}));
  clock.advance(std::chrono::days(3));  // Monday 01-27, the due date itself
  EXPECT_EQ(services->approvals.count(head).second, 0);
  clock.advance(std::chrono::days(1));  // Tuesday 01-28
  EXPECT_EQ(services->approvals.count(head).second, 1);
  auto page = services->approvals.list(head, {Selector::assigned_to});
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_TRUE(page.items[0].overdue);
}

TEST_P(ApprovalEngineTest, StepsRunInOrderAndEachGoesToItsApprover) {
  set_flow({{"部门审批", "manager", "", std::nullopt, 1}, {"集团审批", "role", "group_management", std::nullopt, 0}});
  auto request = submit_general("sh.sales");
  ASSERT_TRUE(request);
  const int64_t id = request->request.id;
  // Step 2 is not the boss's yet.
  EXPECT_TRUE(services->approvals.list(as("boss"), {Selector::assigned_to}).items.empty());
  EXPECT_EQ(services->approvals.get(as("boss"), id).error().code, "not_found");
  auto first = services->approvals.approve(as("sh.head"), id, "同意", std::nullopt, {});
  ASSERT_TRUE(first) << first.error().code;
  EXPECT_EQ(first->request.status, "pending");
  EXPECT_EQ(first->request.current_step, 1);
  EXPECT_EQ(first->request.steps[0].state, "approved");
  EXPECT_EQ(first->request.steps[1].state, "pending");
  EXPECT_EQ(first->request.steps[1].due_on, "");  // no deadline on this step
  // The first approver still sees it (they acted) but may no longer decide.
  auto seen = services->approvals.get(as("sh.head"), id);
  ASSERT_TRUE(seen);
  EXPECT_FALSE(seen->can_decide);
  EXPECT_EQ(services->approvals.approve(as("sh.head"), id, "", std::nullopt, {}).error().code, "forbidden");
  ASSERT_EQ(services->approvals.list(as("boss"), {Selector::assigned_to}).items.size(), 1u);
  auto last = services->approvals.approve(as("boss"), id, "", std::nullopt, {});
  ASSERT_TRUE(last) << last.error().code;
  EXPECT_EQ(last->request.status, "approved");
  EXPECT_TRUE(last->request.decided_at);
  EXPECT_FALSE(last->request.current_step);
  EXPECT_EQ(services->approvals.approve(as("boss"), id, "", std::nullopt, {}).error().code, "approval_not_pending");
  std::vector<std::string> actions;
  const auto seen_by_requester = services->approvals.get(as("sh.sales"), id);  // the loop must not outlive it
  ASSERT_TRUE(seen_by_requester);
  for (const auto& a : *seen_by_requester->history) actions.push_back(a.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"submitted", "approved", "approved"}));
}

TEST_P(ApprovalEngineTest, ARoleStepGoesOnlyToHoldersWhoseScopeCoversTheRequester) {
  set_flow({{"部门负责人审批", "role", "department_head", std::nullopt, 2}});
  auto request = submit_general("sh.sales");
  ASSERT_TRUE(request);
  EXPECT_EQ(services->approvals.count(as("sh.head")).first, 1);
  EXPECT_EQ(services->approvals.count(as("hz.head")).first, 0);
  EXPECT_EQ(services->approvals.get(as("hz.head"), request->request.id).error().code, "not_found");
  EXPECT_EQ(services->approvals.approve(as("hz.head"), request->request.id, "", std::nullopt, {}).error().code,
            "not_found");
  EXPECT_TRUE(services->approvals.approve(as("sh.head"), request->request.id, "", std::nullopt, {}));
}

TEST_P(ApprovalEngineTest, NobodyDecidesTheirOwnRequest) {
  // The head holds the role the step names, but the request is theirs.
  set_flow({{"部门负责人审批", "role", "department_head", std::nullopt, 2}});
  auto own = services->approvals.submit(as("sh.head"), "general", "我的申请", {{"content", "x"}}, {});
  ASSERT_TRUE(own) << own.error().code;
  EXPECT_EQ(services->approvals.approve(as("sh.head"), own->request.id, "", std::nullopt, {}).error().code,
            "self_approval");
  EXPECT_EQ(services->approvals.count(as("sh.head")).first, 0);
}

TEST_P(ApprovalEngineTest, RejectNeedsACommentAndResubmitStartsAgainFromTheFirstStep) {
  auto request = submit_general("sh.sales");
  ASSERT_TRUE(request);
  const int64_t id = request->request.id;
  EXPECT_EQ(services->approvals.reject(as("sh.head"), id, "", std::nullopt, {}).error().code, "validation_failed");
  auto rejected = services->approvals.reject(as("sh.head"), id, "价格太低", std::nullopt, {});
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->request.status, "rejected");
  EXPECT_TRUE(rejected->can_decide == false);
  // Only the requester resubmits; the approver may not.
  EXPECT_EQ(services->approvals.resubmit(as("sh.head"), id, std::nullopt, std::nullopt, std::nullopt, {}).error().code,
            "forbidden");
  auto again = services->approvals.resubmit(as("sh.sales"), id, "申请特价（修改）",
                                            boost::json::object{{"content", "折扣 9 折"}}, std::nullopt, {});
  ASSERT_TRUE(again) << again.error().code;
  EXPECT_EQ(again->request.status, "pending");
  EXPECT_EQ(again->request.round, 2);
  EXPECT_EQ(again->request.current_step, 0);
  EXPECT_EQ(again->request.title, "申请特价（修改）");
  EXPECT_FALSE(again->request.decided_at);
  EXPECT_TRUE(services->approvals.approve(as("sh.head"), id, "", std::nullopt, {}));
}

TEST_P(ApprovalEngineTest, OnlyTheRequesterWithdrawsAndOnlyWhilePending) {
  auto request = submit_general("sh.sales");
  ASSERT_TRUE(request);
  const int64_t id = request->request.id;
  EXPECT_EQ(services->approvals.withdraw(as("sh.head"), id, std::nullopt, {}).error().code, "forbidden");
  auto withdrawn = services->approvals.withdraw(as("sh.sales"), id, std::nullopt, {});
  ASSERT_TRUE(withdrawn);
  EXPECT_EQ(withdrawn->request.status, "withdrawn");
  EXPECT_TRUE(withdrawn->can_resubmit);
  EXPECT_EQ(services->approvals.withdraw(as("sh.sales"), id, std::nullopt, {}).error().code, "approval_not_pending");
  EXPECT_EQ(services->approvals.count(as("sh.head")).first, 0);
}

TEST_P(ApprovalEngineTest, AStaleVersionChangesNothing) {
  auto request = submit_general("sh.sales");
  ASSERT_TRUE(request);
  const int64_t id = request->request.id;
  const int64_t seen = request->request.version;
  ASSERT_TRUE(services->approvals.withdraw(as("sh.sales"), id, seen, {}));
  ASSERT_TRUE(services->approvals.resubmit(as("sh.sales"), id, std::nullopt, std::nullopt, std::nullopt, {}));
  // The head's page still shows the first round's version.
  EXPECT_EQ(services->approvals.approve(as("sh.head"), id, "", seen, {}).error().code, "version_conflict");
  EXPECT_EQ(services->approvals.get(as("sh.sales"), id)->request.status, "pending");
}

TEST_P(ApprovalEngineTest, ARequesterWithoutAManagerCannotSubmitAManagerStep) {
  EXPECT_EQ(submit_general("lonely").error().code, "approver_missing");
  EXPECT_TRUE(services->approvals.list(as("lonely"), {Selector::requested_by}).items.empty());
}

TEST_P(ApprovalEngineTest, EditingAFlowLeavesRequestsUnderWayAlone) {
  auto request = submit_general("sh.sales");
  ASSERT_TRUE(request);
  set_flow({{"集团审批", "role", "group_management", std::nullopt, 5}});
  auto still = services->approvals.get(as("sh.sales"), request->request.id);
  ASSERT_TRUE(still);
  ASSERT_EQ(still->request.steps.size(), 1u);
  EXPECT_EQ(still->request.steps[0].approver, "manager");
  EXPECT_TRUE(services->approvals.approve(as("sh.head"), request->request.id, "", std::nullopt, {}));
}

TEST_P(ApprovalEngineTest, FlowChecksNameEachBadStep) {
  const auto boss = as("boss");
  auto version = services->approvals.flows().front().version;
  auto result = services->approvals.set_flow(boss, "general",
                                             {{"", "role", "no_such_role", std::nullopt, 61},
                                              {"指定人", "user", "", int64_t{999999}, 0},
                                              {"?", "robot", "", std::nullopt, 0}},
                                             version, {});
  ASSERT_FALSE(result);
  std::set<std::string> fields;
  for (const auto& e : result.error().errors) fields.insert(e.field + ":" + e.code);
  EXPECT_TRUE(fields.contains("steps[0].name:required"));
  EXPECT_TRUE(fields.contains("steps[0].role_key:unknown_value"));
  EXPECT_TRUE(fields.contains("steps[0].days:out_of_range"));
  EXPECT_TRUE(fields.contains("steps[1].user_id:unknown_value"));
  EXPECT_TRUE(fields.contains("steps[2].approver:unknown_value"));
  EXPECT_EQ(services->approvals.set_flow(boss, "general", {{"x", "manager", "", std::nullopt, 1}}, version + 5, {})
                .error()
                .code,
            "version_conflict");
}

// A module's type: its effect runs in the transaction of the last approval.
TEST_P(ApprovalEngineTest, ATypesEffectCommitsWithTheApprovalOrUndoesIt) {
  {
    auto c = database->acquire();
    c->execute_script("CREATE TABLE test_effects (target TEXT NOT NULL)");
  }
  bool refuse = true;
  int closed = 0;
  ApprovalType type;
  type.key = "test.effect";
  type.zh_name = "测试";
  type.en_name = "Test";
  type.default_steps = {{"经理", "manager", "", std::nullopt, 1}};
  type.on_approved = [&](db::Connection& c, const ApprovalRequest& r) -> Result<void> {
    c.query("INSERT INTO test_effects (target) VALUES (?)", {r.target});
    if (refuse) return fail(Error::make(409, "invalid_state", {"test"}));
    return {};
  };
  type.on_closed = [&](db::Connection&, const ApprovalRequest&) { ++closed; };
  services->approvals.register_type(type);
  int64_t id = 0;
  {
    const auto sales = as("sh.sales");  // signing in writes: not inside the transaction below
    auto c = database->acquire();
    db::Transaction tx(*c, true);
    auto request = services->approvals.submit(*c, sales, "test.effect", "customer:7", "改名", {}, {});
    ASSERT_TRUE(request) << request.error().code;
    id = request->id;
    tx.commit();
  }
  // Not submittable through the API.
  EXPECT_EQ(services->approvals.submit(as("sh.sales"), "test.effect", "x", {}, {}).error().errors.at(0).code,
            "not_submittable");
  auto count_effects = [&] {
    auto c = database->acquire();
    return c->query("SELECT COUNT(*) FROM test_effects").rows.front().integer(0);
  };
  EXPECT_EQ(services->approvals.approve(as("sh.head"), id, "", std::nullopt, {}).error().code, "invalid_state");
  EXPECT_EQ(count_effects(), 0);
  EXPECT_EQ(services->approvals.get(as("sh.sales"), id)->request.status, "pending");
  EXPECT_EQ(services->approvals.get(as("sh.sales"), id)->history->size(), 1u);  // only "submitted"
  refuse = false;
  ASSERT_TRUE(services->approvals.approve(as("sh.head"), id, "", std::nullopt, {}));
  EXPECT_EQ(count_effects(), 1);
  EXPECT_EQ(closed, 0);
}

TEST_P(ApprovalEngineTest, SeededCalendarDaysAreCopiedOnceAndEditsApplyAtOnce) {
  const auto admin = as("boss");
  auto& calendar = services->calendar;
  EXPECT_EQ(calendar.seed_builtin_years(), 0);  // prepare() copied them already
  EXPECT_FALSE(calendar.current()->is_workday(d(2025, 1, 28)));
  ASSERT_TRUE(calendar.remove_day(admin, d(2025, 1, 28), {}));
  EXPECT_EQ(calendar.seed_builtin_years(), 0);
  EXPECT_TRUE(calendar.current()->is_workday(d(2025, 1, 28)));  // a Tuesday, no longer listed
  ASSERT_TRUE(calendar.set_day(admin, d(2025, 1, 27), false, "公司假日", {}));
  // Two working days after Friday 01-24: Sunday 01-26 (make-up), then 01-28 now.
  EXPECT_EQ(calendar.current()->add_working_days(d(2025, 1, 24), 2), d(2025, 1, 28));
  EXPECT_EQ(submit_general("sh.sales")->request.steps.at(0).due_on, "2025-01-28");
  EXPECT_EQ(calendar.remove_day(admin, d(2025, 3, 3), {}).error().code, "not_found");
}

INSTANTIATE_TEST_SUITE_P(Engines, ApprovalEngineTest, ::testing::ValuesIn(testing::test_engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace guanxi::approvals
