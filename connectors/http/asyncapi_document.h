// The Kafka contract, docs/asyncapi.yaml, compiled into the binary (the build generates the
// definition from the file), so GET /api/v1/asyncapi.yaml serves exactly the document of this
// build, with no file to find at run time.
#pragma once

#include <string_view>

namespace caseflow::http {

// The bytes of docs/asyncapi.yaml as of this build. Static storage; thread-safe.
std::string_view asyncapi_document();

}  // namespace caseflow::http
