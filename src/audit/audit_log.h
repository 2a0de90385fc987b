#pragma once
// Append-only, hash-chained record of security-relevant events (logins,
// lockouts, user, role and unit changes, later customer changes, exports and
// reveals). Each entry carries a gapless sequence number, the hash of the
// entry before it and its own HMAC-SHA-256 under a key kept outside the
// database (ADR 0008): whoever can write the tables but lacks the key cannot
// edit, delete, insert or reorder entries without `guanxi audit verify`
// noticing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "db/database.h"
#include "db/migrations.h"

namespace guanxi::audit {

struct AuditEvent {
  std::optional<int64_t> actor_id;
  std::string actor_name;
  std::string action;  // e.g. "login.succeeded", "login.failed", "account.locked"
  std::string target;
  std::string ip;
  std::string user_agent;
  std::string detail;  // JSON text
};

struct StoredAuditEvent {
  int64_t id;
  int64_t occurred_at;
  AuditEvent event;
  int64_t seq = 0;
};

struct AuditQuery {
  std::optional<int64_t> actor_id;
  std::string action_prefix;  // "user." matches user.created, user.disabled …
  std::string target;
  std::optional<int64_t> since_ms;
  std::optional<int64_t> until_ms;
  std::optional<int64_t> before_seq;  // keyset cursor: newest first
  int64_t limit = 50;
};

struct ChainReport {
  bool intact = true;
  int64_t entries = 0;
  int64_t head_seq = 0;
  std::string head_hash;
  std::optional<int64_t> broken_seq;  // first entry that fails
  std::string problem;                // what is wrong there, in English (CLI output)
  bool wrong_key = false;             // the key does not match the chain: nothing was checked
  int64_t purged_through = 0;         // entries up to this one were removed by the retention purge
};

struct PurgeResult {
  int64_t entries = 0;         // removed by this purge
  int64_t purged_through = 0;  // the chain now starts after this entry
};

class AuditLog {
 public:
  // REQUIRES: chain_key is the same secret for every server sharing the database.
  AuditLog(db::Database& database, const Clock& clock, std::string chain_key)
      : database_(database), clock_(clock), chain_key_(std::move(chain_key)) {}
  // Appends inside the caller's write transaction, so the event and the change
  // it describes commit together. Takes the chain head's lock until commit:
  // record audit events last in a transaction.
  void record(db::Connection& connection, const AuditEvent& event);
  // Appends in a transaction of its own (for events that must stay even when
  // the request fails, such as a failed login).
  void append(const AuditEvent& event);
  std::vector<StoredAuditEvent> recent(int limit);
  std::vector<StoredAuditEvent> query(const AuditQuery& query);

  // Start-up: the database remembers which key its chain is written with (a
  // fingerprint, not the key); a server with another key refuses to start
  // rather than write entries that would never verify. Then chains entries
  // written before the chain existed.
  // Throws std::runtime_error on a key mismatch.
  void prepare();
  // Walks the chain from the first entry (or the retention anchor) up to the
  // head as it was when the walk began.
  ChainReport verify();
  // Retention (网络安全法: at least 180 days): removes the entries older than
  // `cutoff_ms` from the start of the chain. First the chain is verified (a
  // broken chain is kept whole as evidence: nothing is removed); then the last
  // removed entry's hash becomes the anchor the chain starts from, sealed with
  // the key so that a database user cannot move it, and the purge itself is
  // appended as `audit.purged`.
  PurgeResult purge_before(int64_t cutoff_ms);

 private:
  void seal_unchained();
  std::string key_fingerprint() const;
  std::string anchor_mac(int64_t seq, const std::string& hash) const;

  db::Database& database_;
  const Clock& clock_;
  std::string chain_key_;
};

std::vector<db::Migration> migrations();

}  // namespace guanxi::audit
