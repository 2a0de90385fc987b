#include "core/messages.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

namespace guanxi {
namespace {

struct Text {
  const char* zh_title;
  const char* en_title;
  const char* zh_detail;
  const char* en_detail;
};

const std::map<std::string, Text, std::less<>>& error_texts() {
  static const std::map<std::string, Text, std::less<>> texts = {
      {"not_found", {"资源不存在", "Not found", "请求的资源不存在。", "The requested resource does not exist."}},
      {"bad_request", {"请求无效", "Bad request", "请求地址或格式无效。", "The request target or format is invalid."}},
      {"method_not_allowed",
       {"方法不允许", "Method not allowed", "该地址不支持此请求方法。", "This method is not allowed on this resource."}},
      {"invalid_json",
       {"JSON 格式错误", "Malformed JSON", "请求体不是合法的 JSON：{0}", "The request body is not valid JSON: {0}"}},
      {"validation_failed",
       {"数据校验失败", "Validation failed", "提交的数据有误，请检查标出的字段。",
        "Some fields are invalid; see the errors list."}},
      {"unauthenticated",
       {"未登录", "Not authenticated", "请先登录，或登录已过期。", "Please log in; your session may have expired."}},
      {"invalid_credentials",
       {"用户名或密码错误", "Invalid credentials", "用户名或密码错误。", "The user name or password is wrong."}},
      {"account_locked",
       {"账号已锁定", "Account locked", "连续登录失败次数过多，账号已锁定，请 {0} 分钟后再试。",
        "Too many failed logins; the account is locked. Try again in {0} minutes."}},
      {"account_disabled",
       {"账号已停用", "Account disabled", "该账号已停用，请联系管理员。",
        "This account is disabled; contact your administrator."}},
      {"csrf_failed",
       {"CSRF 校验失败", "CSRF check failed", "请求缺少有效的 X-CSRF-Token，请刷新页面后重试。",
        "The request lacks a valid X-CSRF-Token header; reload the page and try again."}},
      {"forbidden", {"无权操作", "Forbidden", "您没有执行此操作的权限。", "You are not allowed to do this."}},
      {"payload_too_large",
       {"请求体过大", "Payload too large", "请求体超过了 {0} 字节的上限。",
        "The request body exceeds the limit of {0} bytes."}},
      {"headers_too_large",
       {"请求头过大", "Request headers too large", "请求头超过了服务器允许的大小。",
        "The request headers are larger than the server accepts."}},
      {"unsupported_media_type",
       {"不支持的内容类型", "Unsupported media type", "请求体必须是 application/json（请设置 Content-Type）。",
        "The request body must be application/json."}},
      {"weak_password",
       {"密码强度不足", "Weak password", "密码至少 10 位，且包含大写字母、小写字母、数字、符号中的三类，不能与用户名相同。",
        "Passwords need at least 10 characters from three of: upper case, lower case, digits, symbols, "
        "and must not equal the user name."}},
      {"duplicate_username",
       {"用户名已存在", "User name taken", "用户名“{0}”已被使用。", "The user name \"{0}\" is already taken."}},
      {"version_conflict",
       {"数据已被他人修改", "Version conflict", "该记录已被他人修改，请刷新后再试。",
        "The record was changed by someone else; reload and try again."}},
      {"version_required",
       {"缺少版本号", "Version required", "修改时须提供 If-Match 请求头或 version 字段，以免覆盖他人的修改。",
        "Send If-Match or a version field so that nobody's changes are overwritten."}},
      {"password_change_required",
       {"请先修改密码", "Password change required", "您的密码已被重置或已过期，请先修改密码。",
        "Your password was reset or has expired; change it first."}},
      {"second_factor_required",
       {"请先启用两步验证", "Two-step verification required",
        "您的角色要求两步验证，请先在“账号安全”中绑定身份验证器。",
        "Your role requires two-step verification; set up an authenticator app under Account security first."}},
      {"invalid_second_factor",
       {"验证码错误", "Wrong verification code", "验证码错误或已使用，请输入身份验证器上当前的 6 位数字。",
        "The code is wrong or was already used; enter the current 6 digits from your authenticator app."}},
      {"login_challenge_expired",
       {"登录已超时", "Sign-in expired", "两步验证的登录步骤已超时或尝试次数过多，请重新输入用户名和密码。",
        "The second sign-in step expired or had too many attempts; enter your user name and password again."}},
      {"second_factor_enrolled",
       {"已启用两步验证", "Two-step verification already on",
        "两步验证已经启用；如需更换手机，请先停用再重新绑定。",
        "Two-step verification is already on; turn it off first to move to another phone."}},
      {"second_factor_not_started",
       {"尚未开始绑定", "Not set up", "尚未开始绑定身份验证器，请先点击“启用两步验证”。",
        "No authenticator is being set up; start with \"Turn on two-step verification\"."}},
      {"field_forbidden",
       {"无权操作这些字段", "Field not permitted", "您的角色不能修改或按这些字段查询：{0}。",
        "Your role may not change or filter on these fields: {0}."}},
      {"second_factor_required_by_role",
       {"角色要求两步验证", "Required by your role", "您的角色要求两步验证，不能停用。",
        "Your role requires two-step verification; it cannot be turned off."}},
      {"password_reused",
       {"不能使用近期用过的密码", "Password used recently", "新密码不能与最近 {0} 次使用过的密码相同。",
        "The new password must differ from the last {0} passwords."}},
      {"duty_conflict",
       {"职责冲突", "Conflicting duties", "已启用三员分立：系统管理、安全管理和审计职责不能由同一用户兼任。",
        "Separation of duties is on: one user cannot combine system, security and audit duties."}},
      {"duplicate_role",
       {"角色标识已存在", "Role key taken", "角色标识“{0}”已被使用。", "The role key \"{0}\" is already taken."}},
      {"builtin_role",
       {"内置角色不可修改", "Built-in role", "内置角色由系统维护，不能修改或删除；请新建自定义角色。",
        "Built-in roles are maintained by the system; create a custom role instead."}},
      {"role_in_use",
       {"角色仍在使用", "Role in use", "仍有 {0} 个用户持有该角色，请先移除后再删除。",
        "{0} users still hold this role; remove it from them first."}},
      {"duplicate_unit_name",
       {"同级部门重名", "Duplicate unit name", "同一上级下已有名为“{0}”的组织单元。",
        "A unit named \"{0}\" already exists under this parent."}},
      {"unit_cycle",
       {"不能移动到自身下级", "Invalid move", "组织单元不能移动到它自己或它的下级单元之下。",
        "A unit cannot move under itself or one of its descendants."}},
      {"unit_not_empty",
       {"组织单元非空", "Unit not empty", "该单元下仍有启用的下级单元或用户，请先调整后再撤销。",
        "The unit still has active sub-units or users; move them first."}},
      {"root_unit",
       {"不能修改根单元", "Root unit", "根组织单元不能移动或撤销。", "The root unit cannot be moved or closed."}},
      {"unit_closed",
       {"组织单元已撤销", "Unit closed", "组织单元“{0}”已撤销，不能再使用。", "The unit \"{0}\" is closed."}},
      {"cannot_change_own_roles",
       {"不能修改自己的角色", "Cannot change own roles", "不能修改自己的角色，请由其他安全管理员操作。",
        "You cannot change your own roles; ask another security administrator."}},
      {"cannot_disable_self",
       {"不能停用自己", "Cannot disable yourself", "不能停用当前登录的账号。", "You cannot disable your own account."}},
      {"invalid_id_number",
       {"证件号码无效", "Invalid ID number", "证件号码格式或校验位不正确，请核对后重新输入。",
        "The ID number has a wrong format or check digit."}},
      {"invalid_uscc",
       {"统一社会信用代码无效", "Invalid USCC", "统一社会信用代码格式或校验位不正确（GB 32100）。",
        "The unified social credit code has a wrong format or check character (GB 32100)."}},
      {"invalid_org_code",
       {"组织机构代码无效", "Invalid organization code", "组织机构代码格式或校验位不正确（GB 11714）。",
        "The organization code has a wrong format or check character (GB 11714)."}},
      {"duplicate_customer",
       {"客户已存在", "Duplicate customer", "相同证件的客户已存在：{0}。", "A customer with this identity exists: {0}."}},
      {"duplicate_customer_hidden",
       {"客户已存在", "Duplicate customer", "相同证件的客户已存在，归属其他团队，请联系管理员。",
        "A customer with this identity exists and belongs to another team; ask an administrator."}},
      {"identity_locked",
       {"证件信息已锁定", "Identity locked",
        "该客户已提交验证，证件信息（证件类型、证件号码、统一社会信用代码、组织机构代码）不能修改；请将其标记为非正常并新建客户。",
        "This customer was submitted for verification; its identity cannot change. Mark it abnormal and "
        "create a new record."}},
      {"customer_deregistered",
       {"客户已注销", "Customer deregistered", "该客户已注销，请先恢复后再修改。",
        "The customer is deregistered; restore it first."}},
      {"account_cancelled",
       {"账户已销户", "Account cancelled", "该账户已销户，不能再修改。", "The account is cancelled and cannot be changed."}},
      {"customer_abnormal",
       {"客户记录非正常", "Abnormal record", "该客户记录已标记为非正常，已由 {0} 取代，不能再修改。",
        "This record is marked abnormal and was replaced by {0}; it cannot change."}},
      {"duplicate_custom_field",
       {"字段键名已存在", "Key taken", "已有键名为“{0}”的自定义字段（停用的字段也占用键名）。",
        "A custom field with the key \"{0}\" exists (retired fields keep their keys)."}},
      {"custom_values_not_unique",
       {"已有重复值", "Values not unique", "已有多个客户的“{0}”取值相同，不能设为唯一；请先处理重复值。",
        "Several customers share a value of \"{0}\"; resolve the duplicates before making it unique."}},
      {"duplicate_dictionary_code",
       {"代码已存在", "Code taken", "该字典中已有代码“{0}”。", "The dictionary already has the code \"{0}\"."}},
      {"invalid_state",
       {"当前状态不允许此操作", "Not allowed in this state", "客户当前状态为“{0}”，不能执行此操作。",
        "The customer's current status ({0}) does not allow this."}},
      {"approval_not_pending",
       {"申请已处理", "Request already settled", "该申请当前不在可执行此操作的状态（可能已被他人处理），请刷新后查看。",
        "The request is not in a state that allows this (someone may have settled it); refresh to see it."}},
      {"self_approval",
       {"不能审批自己的申请", "Own request", "不能审批自己提交的申请。", "You cannot decide a request you submitted."}},
      {"approver_missing",
       {"找不到审批人", "No approver", "审批步骤“{0}”找不到可用的审批人（如申请人没有直属上级，或指定的审批人已停用），请联系管理员。",
        "Step \"{0}\" has no approver (the requester has no manager, or the named approver is disabled); ask an administrator."}},
      {"internal_error",
       {"服务器内部错误", "Internal server error", "服务器处理请求时出错，请稍后重试（请求编号 {0}）。",
        "The server failed to handle the request; please retry later (request id {0})."}},
      {"service_unavailable",
       {"服务暂不可用", "Service unavailable", "服务器正在关闭或繁忙，请稍后重试。",
        "The server is shutting down or busy; please retry later."}},
  };
  return texts;
}

const std::map<std::string, std::pair<const char*, const char*>, std::less<>>& field_texts() {
  static const std::map<std::string, std::pair<const char*, const char*>, std::less<>> texts = {
      {"required", {"必填", "is required"}},
      {"must_be_string", {"必须是字符串", "must be a string"}},
      {"must_be_integer", {"必须是整数", "must be an integer"}},
      {"must_be_boolean", {"必须是布尔值", "must be true or false"}},
      {"must_be_object", {"必须是对象", "must be an object"}},
      {"must_be_array", {"必须是数组", "must be an array"}},
      {"too_long", {"过长", "is too long"}},
      {"too_short", {"过短", "is too short"}},
      {"invalid_format", {"格式不正确", "has an invalid format"}},
      {"unknown_value", {"取值不在允许范围内", "is not an allowed value"}},
      {"out_of_range", {"超出允许范围", "is out of range"}},
      {"incorrect", {"不正确", "is incorrect"}},
      {"read_only", {"不可修改", "cannot be changed"}},
      {"hidden", {"对您的角色隐藏", "is hidden from your role"}},
      {"unknown_field", {"不是可识别的字段", "is not a known field"}},
      {"invalid_checksum", {"校验位不正确", "has a wrong check digit"}},
      {"invalid_date", {"日期无效", "is not a valid date"}},
      {"not_submittable", {"不能直接发起此类申请", "cannot be submitted directly"}},
      {"conflicting_parameters", {"只能指定其中一个", "cannot be combined with the others"}},
      {"invalid_region", {"地区代码无效", "has an unknown region code"}},
      {"not_for_kind", {"不适用于该客户类型", "does not apply to this kind of customer"}},
      {"override_not_needed", {"无需例外保存", "needs no override"}},
      {"must_be_number", {"必须是数字", "must be a number"}},
      {"not_for_type", {"不适用于该字段类型", "does not apply to this type of field"}},
      {"invalid_pattern", {"不是有效的正则表达式", "is not a valid regular expression"}},
      {"pattern_mismatch", {"不符合规定的格式", "does not match the required pattern"}},
      {"duplicate_value", {"已被其他客户使用，须唯一", "is used by another customer and must be unique"}},
      {"invalid_option", {"选项无效（代码为小写字母、数字或下划线，名称必填）", "has an invalid option (code a-z, 0-9, _; label required)"}},
      {"duplicate_option", {"选项代码重复", "repeats an option code"}},
      {"cannot_remove", {"已有选项不能删除，只能停用", "cannot drop an option; retire it instead"}},
      {"no_customer_access", {"没有查看客户的权限，不能接手客户", "has no permission to read customers, so cannot take them over"}},
      {"masked_value", {"是打码后的值，不能保存；请输入完整的值", "is a masked value; enter the full value"}},
  };
  return texts;
}

std::string substitute(std::string text, const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string token = "{" + std::to_string(i) + "}";
    for (size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + args[i].size())) {
      text.replace(pos, token.size(), args[i]);
    }
  }
  return text;
}

}  // namespace

Locale locale_from_accept_language(std::string_view header) {
  // The first language range decides; quality values are rare in practice and
  // the UI sends a single tag.
  std::string first;
  for (char c : header) {
    if (c == ',' || c == ';') break;
    if (c != ' ') first.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (first == "en" || first.starts_with("en-")) return Locale::en;
  return Locale::zh_CN;
}

std::string_view locale_tag(Locale locale) { return locale == Locale::en ? "en" : "zh-CN"; }

std::string error_title(std::string_view code, Locale locale) {
  const auto& texts = error_texts();
  auto it = texts.find(code);
  if (it == texts.end()) return std::string(code);
  return locale == Locale::en ? it->second.en_title : it->second.zh_title;
}

std::string error_detail(std::string_view code, Locale locale, const std::vector<std::string>& args) {
  const auto& texts = error_texts();
  auto it = texts.find(code);
  if (it == texts.end()) return std::string(code);
  return substitute(locale == Locale::en ? it->second.en_detail : it->second.zh_detail, args);
}

std::string field_error_message(std::string_view code, Locale locale) {
  const auto& texts = field_texts();
  auto it = texts.find(code);
  if (it == texts.end()) return std::string(code);
  return locale == Locale::en ? it->second.second : it->second.first;
}

}  // namespace guanxi
