#include "fault_injection.h"

namespace guanxi::testing {

class FaultInjectingDatabase::FaultyConnection final : public db::Connection {
 public:
  FaultyConnection(db::PooledConnection inner, FaultInjectingDatabase& owner)
      : inner_(std::move(inner)), owner_(owner) {}
  db::Dialect dialect() const override { return inner_->dialect(); }
  db::ResultSet execute(std::string_view sql, const std::vector<db::Value>& params) override {
    if (owner_.statements_until_failure_ > 0 && --owner_.statements_until_failure_ == 0) {
      throw db::Error("injected fault before: " + std::string(sql));
    }
    {
      std::lock_guard lock(owner_.mutex_);
      if (!owner_.needle_.empty() && sql.find(owner_.needle_) != std::string_view::npos) {
        owner_.needle_.clear();
        throw db::Error("injected fault before: " + std::string(sql));
      }
    }
    return inner_->execute(sql, params);
  }
  void execute_script(std::string_view sql) override { inner_->execute_script(sql); }
  void begin(bool for_write) override { inner_->begin(for_write); }
  void commit() override {
    if (owner_.fail_commit_.exchange(false)) throw db::Error("injected commit failure");
    inner_->commit();
  }
  void rollback() override { inner_->rollback(); }

 private:
  db::PooledConnection inner_;
  FaultInjectingDatabase& owner_;
};

db::PooledConnection FaultInjectingDatabase::acquire() {
  return db::PooledConnection(std::make_unique<FaultyConnection>(inner_.acquire(), *this), nullptr);
}

}  // namespace guanxi::testing
