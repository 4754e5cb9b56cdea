// Error answers, with the right status:
//   API and health paths: {"error":{"code":"...","message":"..."}} (SPEC.md);
//   Open311 paths: the GeoReport error array [{"code":403,"description":"..."}] (or its XML).
// Pure; thread-safe.
#pragma once

#include <string_view>

#include "connectors/http/message.h"

namespace caseflow::http {

// `code` is a stable snake_case word ("unknown_case", "not_ready", ...).
Response api_error(Status status, std::string_view code, std::string_view message);

enum class Format { json, xml };

// The GeoReport error array; its `code` is the HTTP status number, as Open311 servers do.
Response open311_error(Status status, std::string_view description, Format format = Format::json);

}  // namespace caseflow::http
