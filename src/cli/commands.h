#pragma once
#include <string>
#include <vector>

namespace guanxi::cli {

// Each returns the process exit code.
int serve_command(const std::vector<std::string>& args);
int migrate_command(const std::vector<std::string>& args);
int user_command(const std::vector<std::string>& args);
int routes_command(const std::vector<std::string>& args);
int audit_command(const std::vector<std::string>& args);
int demo_command(const std::vector<std::string>& args);
int query_bench_command(const std::vector<std::string>& args);
int reindex_command(const std::vector<std::string>& args);

// Prints an Error-like failure in the operator's language (LANG) to stderr.
void print_error(const std::string& code, const std::vector<std::string>& args = {});

}  // namespace guanxi::cli
