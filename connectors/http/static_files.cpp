#include "connectors/http/static_files.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "connectors/http/errors.h"

namespace caseflow::http {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
}};

// A relative name that could step out of the prefix or alias another file is never looked up.
bool safe_name(std::string_view name) {
  if (name.empty()) return false;
  if (name.find('\\') != std::string_view::npos) return false;
  if (name.find('\0') != std::string_view::npos) return false;
  size_t start = 0;
  while (start <= name.size()) {
    const size_t slash = std::min(name.find('/', start), name.size());
    const std::string_view segment = name.substr(start, slash - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = slash + 1;
  }
  return true;
}

// Headers every answer under the prefix carries, errors included: an error page is still a
// page of this origin, and must not be sniffed or framed.
void protect(Response& r) {
  r.set("Content-Security-Policy", kConsoleCsp);
  r.set("X-Content-Type-Options", "nosniff");
  r.set("Referrer-Policy", "no-referrer");
}

Response not_found(std::string_view path) {
  Response r = api_error(Status::not_found, "not_found", "no such file: " + std::string(path));
  protect(r);
  return r;
}

bool etag_matches(const Request& request, std::string_view etag) {
  const auto header = request.find(beast_http::field::if_none_match);
  if (header == request.end()) return false;
  const std::string_view value(header->value().data(), header->value().size());
  if (value == "*") return true;
  // A list of validators, possibly weak (W/"..."): If-None-Match compares weakly (RFC 9110).
  size_t start = 0;
  while (start < value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view tag = value.substr(start, comma - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == etag) return true;
    start = comma + 1;
  }
  return false;
}

}  // namespace

std::string_view content_type_of(std::string_view name) {
  const size_t slash = name.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  const size_t dot = base.rfind('.');
  if (dot != std::string_view::npos) {
    const std::string_view ext = base.substr(dot);
    for (const auto& [known, type] : kTypes) {
      if (ext == known) return type;
    }
  }
  return "application/octet-stream";
}

Response serve_static(const Request& request, std::string_view path, std::string_view prefix,
                      std::span<const StaticFile> files) {
  const auto method = request.method();
  if (method != beast_http::verb::get && method != beast_http::verb::head) {
    Response r = api_error(Status::method_not_allowed, "method_not_allowed",
                           std::string(path) + " answers GET and HEAD only");
    r.set(beast_http::field::allow, "GET, HEAD");
    protect(r);
    return r;
  }
  if (path == prefix) {
    // Relative URLs in index.html resolve against the folder only with the slash.
    Response r = make_response(Status::moved_permanently, kText, "");
    r.set(beast_http::field::location, std::string(prefix) + "/");
    protect(r);
    return r;
  }
  if (path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix ||
      path[prefix.size()] != '/') {
    return not_found(path);
  }
  std::string_view name = path.substr(prefix.size() + 1);
  if (name.empty()) name = "index.html";
  if (!safe_name(name)) return not_found(path);
  const auto file = std::find_if(files.begin(), files.end(),
                                 [name](const StaticFile& f) { return f.name == name; });
  if (file == files.end()) return not_found(path);

  const bool unchanged = etag_matches(request, file->etag);
  Response r = unchanged
                   ? make_response(Status::not_modified, content_type_of(name), "")
                   : make_response(Status::ok, content_type_of(name), std::string(file->content));
  // A 304 has no body; a Content-Length there would have to be the file's.
  if (unchanged) r.erase(beast_http::field::content_length);
  // Names carry no content hash, so the browser keeps a copy but asks each time whether it is
  // still the one this binary serves: a new binary is seen at once, an unchanged one costs a 304.
  r.set(beast_http::field::cache_control, "no-cache");
  r.set(beast_http::field::etag, file->etag);
  protect(r);
  if (method == beast_http::verb::head && !unchanged) {
    // The headers a GET would have, Content-Length included, and no body (RFC 9110 9.3.2).
    r.body().clear();
    r.content_length(file->content.size());
  }
  return r;
}

}  // namespace caseflow::http
