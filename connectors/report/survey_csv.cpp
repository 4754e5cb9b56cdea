#include "connectors/report/survey_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <system_error>

#include "engine/common/diagnostic.h"

namespace caseflow::report {
namespace {

constexpr std::array<std::string_view, 3> kSurveyColumns = {"company", "score", "sample"};

// One field of a line: its text without the spaces around it, and the 1-based column (in
// characters, as an editor counts them) where that text starts.
struct SurveyField {
  std::string_view text;
  int column = 1;
};

int survey_column_at(std::string_view line, size_t byte) {
  int column = 1;
  for (size_t i = 0; i < byte && i < line.size(); ++i) {
    // UTF-8 continuation bytes (10xxxxxx) do not start a character.
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

std::vector<SurveyField> survey_fields(std::string_view line) {
  std::vector<SurveyField> fields;
  size_t start = 0;
  while (true) {
    const size_t comma = std::min(line.find(',', start), line.size());
    size_t from = start, to = comma;
    while (from < to && (line[from] == ' ' || line[from] == '\t')) ++from;
    while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) --to;
    fields.push_back({line.substr(from, to - from), survey_column_at(line, from)});
    if (comma == line.size()) return fields;
    start = comma + 1;
  }
}

class SurveyParser {
 public:
  SurveyParser(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  Result<std::vector<assessment::SurveyScore>> run() {
    if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);  // a spreadsheet's BOM
    int number = 0;
    bool header_seen = false;
    for (size_t start = 0; start < text_.size();) {
      const size_t end = std::min(text_.find('\n', start), text_.size());
      std::string_view line = text_.substr(start, end - start);
      start = end + 1;
      ++number;
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      const auto problem = header_seen ? data_line(line, number) : header(line, number);
      if (problem) return *problem;
      header_seen = true;
    }
    if (!header_seen) {
      return fail(1, 1, "the survey is empty: its first line must be the header " + columns());
    }
    return std::move(scores_);
  }

 private:
  static std::string columns() { return "company,score,sample"; }

  Error fail(int line, int column, const std::string& message) const {
    return Error{"bad_survey", Diagnostic{file_, line, column, message}.to_string()};
  }

  std::optional<Error> header(std::string_view line, int number) {
    for (const SurveyField& f : survey_fields(line)) {
      const auto known = std::find(kSurveyColumns.begin(), kSurveyColumns.end(), f.text);
      if (known == kSurveyColumns.end()) {
        return fail(number, f.column,
                    "unknown column '" + std::string(f.text) + "': the columns are " + columns());
      }
      if (std::find(order_.begin(), order_.end(), f.text) != order_.end()) {
        return fail(number, f.column, "column '" + std::string(f.text) + "' appears twice");
      }
      order_.push_back(f.text);
    }
    for (const auto column : kSurveyColumns) {
      if (std::find(order_.begin(), order_.end(), column) == order_.end()) {
        return fail(
            number, 1,
            "the header has no '" + std::string(column) + "' column: it must name " + columns());
      }
    }
    return std::nullopt;
  }

  std::optional<Error> data_line(std::string_view line, int number) {
    const auto fields = survey_fields(line);
    if (fields.size() < order_.size()) {
      return fail(number, survey_column_at(line, line.size()),
                  "expected " + std::to_string(order_.size()) + " fields (" + columns() +
                      "), found " + std::to_string(fields.size()));
    }
    if (fields.size() > order_.size()) {
      return fail(number, fields[order_.size()].column,
                  "expected " + std::to_string(order_.size()) + " fields (" + columns() +
                      "), found " + std::to_string(fields.size()));
    }
    assessment::SurveyScore score;
    for (size_t i = 0; i < fields.size(); ++i) {
      const SurveyField& f = fields[i];
      std::optional<std::string> problem;
      if (order_[i] == "company") {
        problem = company(f.text, score);
      } else if (order_[i] == "score") {
        problem = score_of(f.text, score);
      } else {
        problem = sample_of(f.text, score);
      }
      if (problem) return fail(number, f.column, *problem);
    }
    const auto [first, added] = lines_.try_emplace(score.company, number);
    if (!added) {
      const auto at = std::find(order_.begin(), order_.end(), "company") - order_.begin();
      return fail(number, fields[static_cast<size_t>(at)].column,
                  score.company + " is already on line " + std::to_string(first->second));
    }
    scores_.push_back(std::move(score));
    return std::nullopt;
  }

  static std::optional<std::string> company(std::string_view text, assessment::SurveyScore& out) {
    if (text.empty()) return "company is empty: it is a unit id such as property:PC0001";
    if (text.find('"') != std::string_view::npos) {
      return "company must not be quoted: it is a unit id such as property:PC0001";
    }
    out.company = std::string(text);
    return std::nullopt;
  }

  static std::optional<std::string> score_of(std::string_view text, assessment::SurveyScore& out) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
        value < 0 || value > 100) {
      return "score must be a number from 0 to 100, not '" + std::string(text) + "'";
    }
    out.score = value;
    return std::nullopt;
  }

  static std::optional<std::string> sample_of(std::string_view text, assessment::SurveyScore& out) {
    size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0) {
      return "sample must be a positive whole number of respondents, not '" + std::string(text) +
             "'";
    }
    out.sample = value;
    return std::nullopt;
  }

  std::string_view text_;
  const std::string& file_;
  std::vector<std::string_view> order_;  // the header's columns, in file order
  std::map<std::string, int> lines_;     // company -> the line it is on
  std::vector<assessment::SurveyScore> scores_;
};

}  // namespace

Result<std::vector<assessment::SurveyScore>> parse_survey_csv(std::string_view text,
                                                              const std::string& file) {
  return SurveyParser(text, file).run();
}

Result<std::vector<assessment::SurveyScore>> read_survey_file(const std::filesystem::path& file) {
  std::error_code ec;
  std::ifstream in(file, std::ios::binary);
  if (!std::filesystem::is_regular_file(file, ec) || !in) {
    return Error{"survey_unreadable", "cannot read the survey file " + file.string()};
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return Error{"survey_unreadable", "cannot read the survey file " + file.string()};
  return parse_survey_csv(text, file.string());
}

std::optional<std::filesystem::path> month_survey_file(const std::filesystem::path& dir,
                                                       std::string_view month) {
  if (dir.empty()) return std::nullopt;
  auto file = dir / (std::string(month) + ".csv");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  return file;
}

}  // namespace caseflow::report
