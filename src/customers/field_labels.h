#pragma once
// Chinese and English names of the customer catalogue's fields, so that an
// export's header row reads like the screen (issue 5 point 3) and an import can
// tell which column is which from headers people actually write (issue 5
// point 6, COL-4). The texts are the web UI's (web/src/locales/*/customers.ts,
// customers.field): change them there and here together.
#include <optional>
#include <string>
#include <string_view>

#include "core/messages.h"

namespace guanxi::customers {

// The label of a catalogue field (a key of customer_fields() in src/customers/customer_fields.h)
// in `locale`; the key itself for an unknown key.
std::string_view field_label(std::string_view key, Locale locale);

// COL-4 import: the catalogue key a spreadsheet column header names — the key itself, its
// Chinese or English label or one of a few common aliases (e.g. 客户名称, 名称, 企业名称, 公司名称
// → name; 手机, 手机号, 手机号码 → the mobile field; 身份证号 → id_number…), compared after
// trimming blanks, ignoring ASCII case, folding full-width ASCII to half-width, and ignoring a
// trailing "*" or "（必填）"/"(必填)" mark (and a leading "*", as templates also write it).
// nullopt when nothing matches.
std::optional<std::string_view> field_for_header(std::string_view header);

}  // namespace guanxi::customers
