// Reading what clients send besides JSON: the request target (path and query string) and
// application/x-www-form-urlencoded bodies (Open311 POST requests). Pure; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow::http {

// Decoded name/value pairs in the order sent; a name may repeat.
using FormFields = std::vector<std::pair<std::string, std::string>>;

// Percent-decodes `text`; '+' is a space when `plus_is_space`. nullopt for a broken escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = true);

// Parses "a=1&b=two+words&c=%E4%B8%AD"; nullopt when an escape is broken.
std::optional<FormFields> parse_form(std::string_view body);

// The first value of `name`; nullopt if absent.
std::optional<std::string> first(const FormFields& fields, std::string_view name);

// Every value of `name`, with comma-separated values split ("id=a,b&id=c" -> a, b, c).
std::vector<std::string> all_split(const FormFields& fields, std::string_view name);

struct Target {
  std::string path;  // decoded path, without the query
  FormFields query;  // decoded query parameters
};

// Splits and decodes a request target "/open311/v2/requests.json?status=open".
std::optional<Target> parse_target(std::string_view target);

// Appends `text` percent-encoded for use in a URL (RFC 3986 unreserved characters kept).
void append_percent_encoded(std::string& out, std::string_view text);

}  // namespace caseflow::http
