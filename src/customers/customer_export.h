#pragma once
// Export of a customer list (issue 5 point 6): the list's filters and a choice
// of columns, to .csv or .xlsx, or the customers' contacts as vCard 4.0
// (.vcf), written row by row into a file that the server sends from disk. Sensitive fields stay masked unless a holder of
// customer.sensitive.read states a reason; fields hidden from the caller's
// roles are never columns (ADR 0015); every exported customer is in the
// access log (SEC-7) and the export in the audit log. Exports larger than a
// set number of rows need an approval first (ADR 0016); once approved, the
// requester downloads it with the query stored in the request.
#include <optional>
#include <string>
#include <vector>

#include "approvals/approval_service.h"
#include "audit/access_log.h"
#include "audit/audit_log.h"
#include "core/messages.h"
#include "customers/custom_field_service.h"
#include "customers/customer_service.h"

namespace guanxi::customers {

struct ExportRequest {
  std::string format;  // csv | xlsx | vcf
  SearchRequest search;
  std::vector<std::string> columns;  // empty: every column the caller may see
  std::optional<std::string> reveal_reason;
  std::string query;  // the request's query string: what the logs and an approval keep
};

struct ExportFile {
  std::string path;  // a file the server sends and then deletes
  std::string content_type;
  std::string filename;
  int64_t rows = 0;
};

// Either the file, or the approval request a large export needs first.
struct ExportOutcome {
  std::optional<ExportFile> file;
  std::optional<approvals::RequestView> approval;
};

class CustomerExportService {
 public:
  // `work_dir`: where files are written before they are sent; `approval_rows`:
  // exports of more rows need an approval (0: never).
  CustomerExportService(const Clock& clock, audit::AuditLog& audit, audit::AccessLog& access_log,
                        auth::AccessService& access, CustomerService& customers, CustomFieldService& custom_fields,
                        approvals::ApprovalService& approvals, db::Database& database, std::string work_dir,
                        int64_t approval_rows);

  // Errors: validation_failed (format, columns, reveal_reason), field_forbidden
  // (a hidden column), forbidden (reveal without customer.sensitive.read), and
  // the list's own (filters).
  Result<ExportOutcome> run(const auth::Principal& actor, const ExportRequest& request, Locale locale,
                            const auth::ClientInfo& client);
  // The query string of an approved export of the caller's. Errors: not_found,
  // approval_not_pending (not approved, or not an export).
  Result<std::string> approved_query(const auth::Principal& actor, int64_t approval_id);
  // Runs an approved export: no second approval.
  Result<ExportOutcome> run_approved(const auth::Principal& actor, const ExportRequest& request, int64_t approval_id,
                                     Locale locale, const auth::ClientInfo& client);

 private:
  Result<ExportOutcome> write(const auth::Principal& actor, const ExportRequest& request, Locale locale,
                              const auth::ClientInfo& client, std::optional<int64_t> approval_id);
  Result<ExportOutcome> ask_approval(const auth::Principal& actor, const ExportRequest& request,
                                     const auth::ClientInfo& client);

  const Clock& clock_;
  audit::AuditLog& audit_;
  audit::AccessLog& access_log_;
  auth::AccessService& access_;
  CustomerService& customers_;
  CustomFieldService& custom_fields_;
  approvals::ApprovalService& approvals_;
  db::Database& database_;
  std::string work_dir_;
  int64_t approval_rows_;
};

// The approval type of a large export: decided by the requester's manager.
approvals::ApprovalType export_approval_type();

}  // namespace guanxi::customers
