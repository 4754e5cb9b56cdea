// Text pieces of the HTML report (report_html.cpp, svg_chart.cpp): escaping and the ways numbers
// are shown. Every function is pure and locale-independent (std::to_chars), so the same figures
// always give the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace caseflow::simulate::html {

// `text` with & < > " ' replaced by entities: safe both as element text and as a quoted
// attribute value. Ids in the report come from workflow and city files.
std::string escape(std::string_view text);

// The shortest text that reads back as the same double: what data-* attributes carry, the same
// text report_json writes, so a reader can compare the two exactly.
std::string exact(double value);

// `value` with `decimals` digits after the point ("93.4"); never "-0.0".
std::string fixed(double value, int decimals);

// A count with thousands separators: "12,345".
std::string count(uint64_t value);

// A share 0..1 as a percentage with one decimal: "93.4%".
std::string percent(double share);

// A difference B - A, signed ("+12", "-3.5"), or "0" when it shows as zero at `decimals` digits;
// `suffix` follows a non-zero value (" pp", " h").
std::string signed_diff(double diff, int decimals, std::string_view suffix = "");

}  // namespace caseflow::simulate::html
