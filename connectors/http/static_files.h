// Files built into the binary (the console, console/), answered under a path prefix. The bytes
// are embedded at build time, so a request can only ever name an entry of the table: nothing is
// read from disk, and a path with `..`, `.`, an empty segment or a backslash is refused before
// the lookup so that no future file-backed table inherits a traversal. Pure; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "connectors/http/message.h"

namespace caseflow::http {

struct StaticFile {
  std::string_view name;     // relative to the prefix: "index.html", "js/app.js"
  std::string_view content;  // the file's bytes
  std::string_view etag;     // a quoted strong validator of the content, made at build time
};

// What every answer under the prefix carries: the page may load scripts, styles, images and
// API calls from this origin only, and may not be framed.
inline constexpr std::string_view kConsoleCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// The Content-Type of a file by its extension; application/octet-stream when unknown.
std::string_view content_type_of(std::string_view name);

// The answer to `request` whose decoded path is `path`, which starts with `prefix` without its
// trailing slash ("/console"): the bare prefix redirects to "/console/", "/console/" is
// index.html, a listed file is 200 (304 when If-None-Match names its ETag), anything else 404
// JSON; HEAD answers GET's headers without the body; other methods are 405.
Response serve_static(const Request& request, std::string_view path, std::string_view prefix,
                      std::span<const StaticFile> files);

}  // namespace caseflow::http
