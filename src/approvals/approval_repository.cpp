#include "approvals/approval_repository.h"

#include <boost/json.hpp>

namespace guanxi::approvals::approval_repository {
namespace json = boost::json;

std::vector<db::Migration> migrations() {
  return {{20, "approval engine", R"SQL(
-- ADR 0016: the steps of each request type as an administrator set them
-- (a type without a row uses the defaults in code).
CREATE TABLE approval_flows (
  request_type TEXT PRIMARY KEY,
  steps TEXT NOT NULL,
  version BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT REFERENCES users (id)
);
-- A request carries a copy of its steps, so a flow edited later does not
-- change it; pending_user_id / pending_role_key say who decides the current
-- step, for the inbox query.
CREATE TABLE approval_requests (
  id {{id}},
  request_type TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  payload TEXT NOT NULL,
  requester_id BIGINT NOT NULL REFERENCES users (id),
  status TEXT NOT NULL,
  round INTEGER NOT NULL DEFAULT 1,
  current_step INTEGER,
  steps TEXT NOT NULL,
  pending_user_id BIGINT,
  pending_role_key TEXT,
  due_on TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  decided_at BIGINT
);
CREATE INDEX approval_requests_requester ON approval_requests (requester_id, id);
CREATE INDEX approval_requests_pending_user ON approval_requests (pending_user_id, status, id);
CREATE INDEX approval_requests_pending_role ON approval_requests (pending_role_key, status, id);
CREATE INDEX approval_requests_target ON approval_requests (request_type, target, status);
CREATE TABLE approval_actions (
  id {{id}},
  request_id BIGINT NOT NULL REFERENCES approval_requests (id),
  round INTEGER NOT NULL,
  step INTEGER,
  step_name TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  actor_id BIGINT NOT NULL REFERENCES users (id),
  actor_name TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
CREATE INDEX approval_actions_request ON approval_actions (request_id, id);
CREATE INDEX approval_actions_actor ON approval_actions (actor_id, action, request_id);
)SQL",
           "", ""}};
}

namespace {

json::object flow_step_json(const FlowStep& step) {
  json::object o{{"name", step.name}, {"approver", step.approver}, {"days", step.days}};
  o["role_key"] = step.role_key.empty() ? json::value(nullptr) : json::value(step.role_key);
  o["user_id"] = step.user_id ? json::value(*step.user_id) : json::value(nullptr);
  return o;
}

FlowStep read_flow_step(const json::object& o) {
  FlowStep step;
  auto text = [&](const char* key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  step.name = text("name");
  step.approver = text("approver");
  step.role_key = text("role_key");
  if (const auto* v = o.if_contains("user_id"); v && v->is_int64()) step.user_id = v->as_int64();
  if (const auto* v = o.if_contains("days"); v && v->is_int64()) step.days = static_cast<int>(v->as_int64());
  return step;
}

const char* kColumns =
    "id, request_type, target, title, payload, requester_id, status, round, current_step, steps, version,"
    " created_at, updated_at, decided_at";

ApprovalRequest read_request(const db::Row& r) {
  ApprovalRequest request;
  request.id = r.integer(0);
  request.type = r.text(1);
  request.target = r.text(2);
  request.title = r.text(3);
  auto payload = json::parse(r.text(4));
  if (payload.is_object()) request.payload = std::move(payload.as_object());
  request.requester_id = r.integer(5);
  request.status = r.text(6);
  request.round = static_cast<int>(r.integer(7));
  if (auto step = r.optional_integer(8)) request.current_step = static_cast<int>(*step);
  request.steps = parse_steps(r.text(9));
  request.version = r.integer(10);
  request.created_at = r.integer(11);
  request.updated_at = r.integer(12);
  request.decided_at = r.optional_integer(13);
  return request;
}

// Who decides the current step, for the inbox columns.
std::pair<db::Value, db::Value> pending_columns(const ApprovalRequest& request) {
  const RequestStep* step = request.status == "pending" ? request.current() : nullptr;
  if (!step) return {db::Null{}, db::Null{}};
  if (step->approver == "role") return {db::Null{}, step->role_key};
  return {step->user_id ? db::Value(*step->user_id) : db::Value(db::Null{}), db::Null{}};
}

db::Value due_column(const ApprovalRequest& request) {
  const RequestStep* step = request.status == "pending" ? request.current() : nullptr;
  if (!step || step->due_on.empty()) return db::Null{};
  return step->due_on;
}

// "(pending_user_id = ? OR (pending_role_key IN (…) AND requester_id IN (…)))" and its parameters.
std::string assignment_clause(const Assignment& a, std::vector<db::Value>& params) {
  std::string sql = "status = 'pending' AND requester_id <> ? AND (pending_user_id = ?";
  params.push_back(a.user_id);
  params.push_back(a.user_id);
  if (!a.roles.empty() && (a.all_requesters || !a.requesters.empty())) {
    sql += " OR (pending_role_key IN (";
    for (size_t i = 0; i < a.roles.size(); ++i) {
      sql += i ? ", ?" : "?";
      params.push_back(a.roles[i]);
    }
    sql += ")";
    if (!a.all_requesters) {
      sql += " AND requester_id IN (";
      for (size_t i = 0; i < a.requesters.size(); ++i) {
        sql += i ? ", ?" : "?";
        params.push_back(a.requesters[i]);
      }
      sql += ")";
    }
    sql += ")";
  }
  return sql + ")";
}

}  // namespace

std::string flow_steps_json(const std::vector<FlowStep>& steps) {
  json::array out;
  for (const auto& step : steps) out.push_back(flow_step_json(step));
  return json::serialize(out);
}

std::vector<FlowStep> parse_flow_steps(const std::string& text) {
  std::vector<FlowStep> steps;
  auto value = json::parse(text);
  for (const auto& item : value.as_array()) steps.push_back(read_flow_step(item.as_object()));
  return steps;
}

std::string steps_json(const std::vector<RequestStep>& steps) {
  json::array out;
  for (const auto& step : steps) {
    json::object o = flow_step_json(step);
    o["state"] = step.state;
    o["due_on"] = step.due_on;
    out.push_back(std::move(o));
  }
  return json::serialize(out);
}

std::vector<RequestStep> parse_steps(const std::string& text) {
  std::vector<RequestStep> steps;
  auto value = json::parse(text);
  for (const auto& item : value.as_array()) {
    const auto& o = item.as_object();
    RequestStep step;
    static_cast<FlowStep&>(step) = read_flow_step(o);
    if (const auto* v = o.if_contains("state"); v && v->is_string()) step.state = std::string(v->as_string());
    if (const auto* v = o.if_contains("due_on"); v && v->is_string()) step.due_on = std::string(v->as_string());
    steps.push_back(std::move(step));
  }
  return steps;
}

int64_t insert(db::Connection& c, const ApprovalRequest& r) {
  auto [pending_user, pending_role] = pending_columns(r);
  auto rows = c.query(
      "INSERT INTO approval_requests (request_type, target, title, payload, requester_id, status, round,"
      " current_step, steps, pending_user_id, pending_role_key, due_on, version, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
      {r.type, r.target, r.title, json::serialize(r.payload), r.requester_id, r.status, int64_t{r.round},
       r.current_step ? db::Value(int64_t{*r.current_step}) : db::Value(db::Null{}), steps_json(r.steps),
       pending_user, pending_role, due_column(r), r.created_at, r.updated_at});
  return rows.rows.front().integer(0);
}

std::optional<ApprovalRequest> find(db::Connection& c, int64_t id) {
  auto rows = c.query(std::string("SELECT ") + kColumns + " FROM approval_requests WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return read_request(rows.rows.front());
}

bool update(db::Connection& c, const ApprovalRequest& r) {
  auto [pending_user, pending_role] = pending_columns(r);
  return c.query("UPDATE approval_requests SET title = ?, payload = ?, status = ?, round = ?, current_step = ?,"
                 " steps = ?, pending_user_id = ?, pending_role_key = ?, due_on = ?, version = version + 1,"
                 " updated_at = ?, decided_at = ? WHERE id = ? AND version = ?",
                 {r.title, json::serialize(r.payload), r.status, int64_t{r.round},
                  r.current_step ? db::Value(int64_t{*r.current_step}) : db::Value(db::Null{}), steps_json(r.steps),
                  pending_user, pending_role, due_column(r), r.updated_at,
                  r.decided_at ? db::Value(*r.decided_at) : db::Value(db::Null{}), r.id, r.version})
             .affected_rows == 1;
}

void add_action(db::Connection& c, const ApprovalAction& a) {
  c.query("INSERT INTO approval_actions (request_id, round, step, step_name, action, actor_id, actor_name, comment, at)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {a.request_id, int64_t{a.round}, a.step ? db::Value(int64_t{*a.step}) : db::Value(db::Null{}), a.step_name,
           a.action, a.actor_id, a.actor_name, a.comment, a.at});
}

std::vector<ApprovalAction> actions(db::Connection& c, int64_t request_id) {
  std::vector<ApprovalAction> out;
  for (const auto& r : c.query("SELECT round, step, step_name, action, actor_id, actor_name, comment, at"
                               " FROM approval_actions WHERE request_id = ? ORDER BY id",
                               {request_id})
                           .rows) {
    ApprovalAction a;
    a.request_id = request_id;
    a.round = static_cast<int>(r.integer(0));
    if (auto step = r.optional_integer(1)) a.step = static_cast<int>(*step);
    a.step_name = r.text(2);
    a.action = r.text(3);
    a.actor_id = r.integer(4);
    a.actor_name = r.text(5);
    a.comment = r.text(6);
    a.at = r.integer(7);
    out.push_back(std::move(a));
  }
  return out;
}

bool has_acted(db::Connection& c, int64_t request_id, int64_t user_id) {
  return !c.query("SELECT 1 FROM approval_actions WHERE request_id = ? AND actor_id = ? LIMIT 1", {request_id, user_id})
              .empty();
}

std::vector<ApprovalRequest> list(db::Connection& c, const ListFilter& f) {
  std::vector<db::Value> params;
  std::string sql = std::string("SELECT ") + kColumns + " FROM approval_requests WHERE ";
  switch (f.selector) {
    case ListFilter::Selector::assigned_to:
      sql += assignment_clause(f.assignment, params);
      break;
    case ListFilter::Selector::requested_by:
      sql += "requester_id = ?";
      params.push_back(f.assignment.user_id);
      break;
    case ListFilter::Selector::decided_by:
      sql += "id IN (SELECT request_id FROM approval_actions WHERE actor_id = ? AND action IN ('approved', 'rejected'))";
      params.push_back(f.assignment.user_id);
      break;
  }
  if (f.status) {
    sql += " AND status = ?";
    params.push_back(*f.status);
  }
  if (f.before_id) {
    sql += " AND id < ?";
    params.push_back(*f.before_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.push_back(f.limit);
  std::vector<ApprovalRequest> out;
  for (const auto& row : c.execute(sql, params).rows) out.push_back(read_request(row));
  return out;
}

std::pair<int64_t, int64_t> count_assigned(db::Connection& c, const Assignment& assignment, const std::string& today) {
  std::vector<db::Value> params{today};
  const std::string sql = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN due_on < ? THEN 1 ELSE 0 END), 0)"
                          " FROM approval_requests WHERE " +
                          assignment_clause(assignment, params);
  const auto rows = c.execute(sql, params);
  return {rows.rows.front().integer(0), rows.rows.front().integer(1)};
}

std::optional<StoredFlow> find_flow(db::Connection& c, const std::string& type) {
  auto rows = c.query("SELECT steps, version, updated_at FROM approval_flows WHERE request_type = ?", {type});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.rows.front();
  return StoredFlow{parse_flow_steps(r.text(0)), r.integer(1), r.integer(2)};
}

bool save_flow(db::Connection& c, const std::string& type, const std::vector<FlowStep>& steps, int64_t expected_version,
               int64_t now, int64_t user_id) {
  const std::string text = flow_steps_json(steps);
  if (!find_flow(c, type)) {
    if (expected_version != 1) return false;
    c.query("INSERT INTO approval_flows (request_type, steps, version, updated_at, updated_by) VALUES (?, ?, 2, ?, ?)",
            {type, text, now, user_id});
    return true;
  }
  return c.query("UPDATE approval_flows SET steps = ?, version = version + 1, updated_at = ?, updated_by = ?"
                 " WHERE request_type = ? AND version = ?",
                 {text, now, user_id, type, expected_version})
             .affected_rows == 1;
}

}  // namespace guanxi::approvals::approval_repository
