// The audit log's hash chain (issue 4 point 6): `verify` finds an edited,
// deleted, inserted or reordered entry. The tests tamper with the tables the
// way a database user would: triggers dropped, rows rewritten in SQL.
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "db/migrations.h"
#include "test_database.h"

namespace guanxi::audit {
namespace {

class AuditChainTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database = testing::make_test_database(GetParam());
    db::migrate(*database, db::application_migrations(), clock.now_ms());
    log = std::make_unique<AuditLog>(*database, clock, "chain-test-key");
    log->prepare();
    for (int i = 1; i <= 5; ++i) {
      clock.advance(std::chrono::seconds(1));
      log->append({i, "user" + std::to_string(i), "test.event", "target:" + std::to_string(i), "127.0.0.1", "ua",
                   R"({"n":)" + std::to_string(i) + "}"});
    }
  }

  // What a database user who bypasses the application can do.
  void tamper(const std::string& sql) {
    auto c = database->acquire();
    if (database->dialect() == db::Dialect::sqlite) {
      c->execute_script("DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete;");
    } else {
      c->execute_script(
          "DROP TRIGGER IF EXISTS audit_events_no_update ON audit_events;"
          "DROP TRIGGER IF EXISTS audit_events_no_delete ON audit_events;");
    }
    c->execute_script(sql);
  }

  ManualClock clock;
  std::unique_ptr<db::Database> database;
  std::unique_ptr<AuditLog> log;
};

TEST_P(AuditChainTest, AnUntouchedChainVerifies) {
  auto report = log->verify();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries, 5);
  EXPECT_EQ(report.head_seq, 5);
  EXPECT_EQ(report.head_hash.size(), 64u);
}

TEST_P(AuditChainTest, TheDatabaseRefusesUpdatesAndDeletes) {
  auto c = database->acquire();
  EXPECT_THROW(c->query("UPDATE audit_events SET action = 'x' WHERE seq = 1"), db::Error);
  EXPECT_THROW(c->query("DELETE FROM audit_events WHERE seq = 5"), db::Error);
  EXPECT_TRUE(log->verify().intact);
}

TEST_P(AuditChainTest, AnEditedEntryIsFound) {
  tamper("UPDATE audit_events SET actor_name = 'someone else' WHERE seq = 3");
  auto report = log->verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.broken_seq, 3);
  EXPECT_NE(report.problem.find("altered"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, AnEditedTimestampIsFound) {
  tamper("UPDATE audit_events SET occurred_at = occurred_at + 1 WHERE seq = 2");
  EXPECT_EQ(log->verify().broken_seq, 2);
}

TEST_P(AuditChainTest, ADeletedEntryInTheMiddleIsFound) {
  tamper("DELETE FROM audit_events WHERE seq = 2");
  auto report = log->verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.broken_seq, 2);
  EXPECT_NE(report.problem.find("missing"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, ADeletedEntryRenumberedToHideTheGapIsFound) {
  tamper("DELETE FROM audit_events WHERE seq = 2; UPDATE audit_events SET seq = seq - 1 WHERE seq > 2");
  auto report = log->verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.broken_seq, 2);
}

TEST_P(AuditChainTest, DeletedEntriesAtTheEndAreFound) {
  tamper("DELETE FROM audit_events WHERE seq >= 4");
  auto report = log->verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.broken_seq, 4);
  EXPECT_NE(report.problem.find("deleted"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, ReorderedEntriesAreFound) {
  tamper("UPDATE audit_events SET seq = 100 WHERE seq = 2; UPDATE audit_events SET seq = 2 WHERE seq = 3;"
         " UPDATE audit_events SET seq = 3 WHERE seq = 100");
  auto report = log->verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.broken_seq, 2);
}

TEST_P(AuditChainTest, AnEntryForgedWithoutTheKeyIsFound) {
  // The forger copies the chain fields of a real entry and appends at the end.
  tamper("INSERT INTO audit_events (occurred_at, actor_name, action, target, ip, user_agent, detail, seq, prev_hash,"
         " hash) SELECT occurred_at, 'forger', 'test.event', 'x', '', '', '', 6, hash, hash FROM audit_events"
         " WHERE seq = 5; UPDATE audit_chain_head SET seq = 6");
  auto report = log->verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.broken_seq, 6);
}

TEST_P(AuditChainTest, ARowInsertedOutsideTheChainIsFound) {
  tamper("INSERT INTO audit_events (occurred_at, action) VALUES (1, 'sneaky')");
  auto report = log->verify();
  EXPECT_FALSE(report.intact);
  EXPECT_NE(report.problem.find("outside the chain"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, ARowInsertedOutsideTheChainIsNotSealedByARestart) {
  tamper("INSERT INTO audit_events (occurred_at, action) VALUES (1, 'login.succeeded')");
  log->prepare();  // what every start does
  EXPECT_FALSE(log->verify().intact);
}

TEST_P(AuditChainTest, RowsFromBeforeTheChainAreSealedOnce) {
  auto fresh = testing::make_test_database(GetParam());
  db::migrate(*fresh, db::application_migrations(), clock.now_ms());
  // As written by a version without the chain: no seq, no hash.
  fresh->acquire()->query("INSERT INTO audit_events (occurred_at, action, actor_name) VALUES (5, 'login.succeeded', 'old')");
  AuditLog sealed(*fresh, clock, "chain-test-key");
  sealed.prepare();
  auto report = sealed.verify();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries, 1);
}

TEST_P(AuditChainTest, EntriesAppendedDuringAWalkAreLeftForTheNextRun) {
  // verify() stops at the head it read first; a row past it is not "deleted".
  tamper("UPDATE audit_chain_head SET seq = 4, hash = (SELECT hash FROM audit_events WHERE seq = 4)");
  auto report = log->verify();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries, 4);
}

TEST_P(AuditChainTest, AnotherKeyCannotVerifyOrAppend) {
  AuditLog other(*database, clock, "a-different-key");
  EXPECT_THROW(other.prepare(), std::runtime_error);
  auto report = other.verify();
  EXPECT_FALSE(report.intact);
  EXPECT_TRUE(report.wrong_key);
  EXPECT_EQ(report.entries, 0);
}

TEST_P(AuditChainTest, QueriesFilterAndPageNewestFirst) {
  AuditQuery q;
  q.limit = 2;
  auto page = log->query(q);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].seq, 5);
  EXPECT_EQ(page[1].seq, 4);
  q.before_seq = page[1].seq;
  EXPECT_EQ(log->query(q).front().seq, 3);
  AuditQuery by_actor;
  by_actor.actor_id = 2;
  auto mine = log->query(by_actor);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].event.actor_name, "user2");
}

// ---- Retention (issue 4 point 6: at least 180 days, then a signed anchor) ----

int64_t count_rows(db::Database& database) {
  auto c = database.acquire();
  return c->query("SELECT COUNT(*) FROM audit_events").rows.front().integer(0);
}

TEST_P(AuditChainTest, APurgeLeavesAChainThatStillVerifiesFromItsAnchor) {
  const auto purged = log->purge_before(clock.now_ms() - 1500);  // entries 1 to 3 are older
  EXPECT_EQ(purged.entries, 3);
  EXPECT_EQ(purged.purged_through, 3);
  EXPECT_EQ(count_rows(*database), 3);  // 4, 5 and the audit.purged entry
  auto report = log->verify();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.purged_through, 3);
  EXPECT_EQ(report.entries, 3);
  EXPECT_EQ(report.head_seq, 6);
  EXPECT_EQ(log->recent(1).front().event.action, "audit.purged");
  EXPECT_EQ(log->purge_before(clock.now_ms() - 1500).entries, 0) << "nothing older is left";
  // The next purge moves the anchor on.
  clock.advance(std::chrono::seconds(10));
  EXPECT_EQ(log->purge_before(clock.now_ms()).entries, 3);
  EXPECT_TRUE(log->verify().intact);
}

TEST_P(AuditChainTest, OnlyEntriesBelowTheAnchorCanBeDeleted) {
  auto c = database->acquire();
  EXPECT_THROW(c->query("DELETE FROM audit_events WHERE seq = 1"), db::Error) << "no anchor yet";
  log->purge_before(clock.now_ms() - 1500);
  EXPECT_THROW(c->query("DELETE FROM audit_events WHERE seq = 4"), db::Error);
  EXPECT_TRUE(log->verify().intact);
}

TEST_P(AuditChainTest, AnAnchorMovedWithoutTheKeyIsFound) {
  log->purge_before(clock.now_ms() - 1500);
  // A database user moves the anchor past entry 4 to delete it quietly.
  tamper("UPDATE audit_chain_head SET anchor_seq = 4, anchor_hash = (SELECT hash FROM audit_events WHERE seq = 4);"
         "DELETE FROM audit_events WHERE seq = 4;");
  auto report = log->verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.broken_seq, 4);
  EXPECT_NE(report.problem.find("anchor"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, ABrokenChainIsKeptWholeAsEvidence) {
  tamper("UPDATE audit_events SET actor_name = 'someone else' WHERE seq = 2;");
  EXPECT_EQ(log->purge_before(clock.now_ms()).entries, 0);
  EXPECT_EQ(count_rows(*database), 5);
  EXPECT_EQ(log->verify().broken_seq, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditChainTest, ::testing::ValuesIn(testing::test_engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace guanxi::audit
