// The console's file server (static_files.h) on a table of its own, through Api::handle as
// `caseflow run` wires it, and the table the build embeds from console/web.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <optional>
#include <set>
#include <string>

#include "connectors/http/api.h"
#include "connectors/http/static_files.h"
#include "console/console_files.h"

namespace caseflow::http {
namespace {

const StaticFile kFiles[] = {
    {"index.html", "<!doctype html><title>t</title>", "\"i1\""},
    {"app.js", "export const x = 1;", "\"a1\""},
    {"style.css", "body{}", "\"s1\""},
    {"img/logo.svg", "<svg/>", "\"l1\""},
};

Request get(std::string target) {
  Request r{beast_http::verb::get, target, 11};
  return r;
}

std::string header(const Response& r, beast_http::field f) {
  const auto it = r.find(f);
  return it == r.end() ? std::string() : std::string(it->value());
}
std::string header(const Response& r, std::string_view name) {
  const auto it = r.find(name);
  return it == r.end() ? std::string() : std::string(it->value());
}

// Through the API's router, which percent-decodes the path before the console sees it.
Response through_api(Request request) {
  boost::asio::io_context io;
  ApiDependencies deps;
  deps.console = kFiles;
  Api api(io, ApiSettings{}, deps);
  std::optional<Response> answer;
  api.handle(std::move(request), [&answer](Response r) { answer = std::move(r); });
  EXPECT_TRUE(answer.has_value());
  return answer ? *answer : Response{};
}

TEST(StaticFiles, ContentTypesByExtension) {
  EXPECT_EQ(content_type_of("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_of("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_of("dir/style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_of("img/logo.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_of("i18n/zh.json"), "application/json");
  EXPECT_EQ(content_type_of("icon.png"), "image/png");
  EXPECT_EQ(content_type_of("README"), "application/octet-stream");
  EXPECT_EQ(content_type_of("archive.tar.gz"), "application/octet-stream");
  EXPECT_EQ(content_type_of("dir.js/file"), "application/octet-stream");
}

TEST(StaticFiles, ServesIndexAndFilesWithTypeCspAndCaching) {
  const Response index = through_api(get("/console/"));
  EXPECT_EQ(index.result(), Status::ok);
  EXPECT_EQ(index.body(), "<!doctype html><title>t</title>");
  EXPECT_EQ(header(index, beast_http::field::content_type), "text/html; charset=utf-8");
  EXPECT_EQ(header(index, beast_http::field::cache_control), "no-cache");
  EXPECT_EQ(header(index, beast_http::field::etag), "\"i1\"");
  EXPECT_EQ(header(index, "X-Content-Type-Options"), "nosniff");
  const std::string csp = header(index, "Content-Security-Policy");
  EXPECT_EQ(csp, kConsoleCsp);
  // Only this origin: no host, scheme, wildcard, inline code or eval anywhere in the policy.
  for (std::string_view banned : {"http", "*", "unsafe-inline", "unsafe-eval", "data:", "blob:"}) {
    EXPECT_EQ(csp.find(banned), std::string::npos) << banned;
  }
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);

  const Response js = through_api(get("/console/app.js"));
  EXPECT_EQ(js.result(), Status::ok);
  EXPECT_EQ(js.body(), "export const x = 1;");
  EXPECT_EQ(header(js, beast_http::field::content_type), "text/javascript; charset=utf-8");
  EXPECT_EQ(header(through_api(get("/console/style.css")), beast_http::field::content_type),
            "text/css; charset=utf-8");
  const Response svg = through_api(get("/console/img/logo.svg"));
  EXPECT_EQ(svg.result(), Status::ok);
  EXPECT_EQ(header(svg, beast_http::field::content_type), "image/svg+xml");
  // The query string is the page's business (e.g. ?lang=en), not part of the file name.
  EXPECT_EQ(through_api(get("/console/app.js?v=2")).result(), Status::ok);
}

TEST(StaticFiles, BarePrefixRedirectsToTheFolder) {
  const Response r = through_api(get("/console"));
  EXPECT_EQ(r.result(), Status::moved_permanently);
  EXPECT_EQ(header(r, beast_http::field::location), "/console/");
}

TEST(StaticFiles, RevalidationAnswers304WithoutBody) {
  Request again = get("/console/app.js");
  again.set(beast_http::field::if_none_match, "\"a1\"");
  const Response same = through_api(std::move(again));
  EXPECT_EQ(same.result(), Status::not_modified);
  EXPECT_TRUE(same.body().empty());
  EXPECT_EQ(header(same, beast_http::field::etag), "\"a1\"");

  Request listed = get("/console/app.js");
  listed.set(beast_http::field::if_none_match, "\"zz\", W/\"a1\"");
  EXPECT_EQ(through_api(std::move(listed)).result(), Status::not_modified);

  Request changed = get("/console/app.js");
  changed.set(beast_http::field::if_none_match, "\"old\"");
  EXPECT_EQ(through_api(std::move(changed)).result(), Status::ok);
}

TEST(StaticFiles, UnknownFilesAre404Json) {
  for (std::string target : {"/console/missing.js", "/console/img/", "/console/img",
                             "/console/INDEX.HTML", "/consolex", "/console/app.js/"}) {
    const Response r = through_api(get(target));
    EXPECT_EQ(r.result(), Status::not_found) << target;
    EXPECT_EQ(header(r, beast_http::field::content_type), "application/json") << target;
    EXPECT_NE(r.body().find("\"code\":\"not_found\""), std::string::npos) << target;
  }
  EXPECT_FALSE(header(through_api(get("/console/missing.js")), "Content-Security-Policy").empty());
}

TEST(StaticFiles, NoPathTraversal) {
  // Plain, percent-encoded (decoded before the console sees the path), doubled slashes,
  // backslashes and NUL: none reaches a file, and none reaches another handler.
  for (std::string target :
       {"/console/../console/app.js", "/console/%2e%2e/api/v1/cases", "/console/%2E%2E/healthz",
        "/console/img/../app.js", "/console/./app.js", "/console//app.js", "/console/img//logo.svg",
        "/console/..%2fapp.js", "/console/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/console/..\\app.js",
        "/console/%5c..%5capp.js", "/console/app.js%00.html", "/console/..",
        "/console/../../../../etc/passwd"}) {
    const Response r = through_api(get(target));
    EXPECT_EQ(r.result(), Status::not_found) << target;
    EXPECT_NE(r.body().find("\"not_found\""), std::string::npos) << target;
    EXPECT_EQ(r.body().find("export const"), std::string::npos) << target;
  }
  // The same check without the router, on names a router might not decode the same way.
  for (std::string_view path :
       {"/console/../app.js", "/console/a/../../app.js", "/console/.", "/console/img\\logo.svg"}) {
    EXPECT_EQ(serve_static(get("/x"), path, "/console", kFiles).result(), Status::not_found)
        << path;
  }
}

TEST(StaticFiles, HeadHasGetsHeadersWithoutBody) {
  Request head{beast_http::verb::head, "/console/app.js", 11};
  const Response r = through_api(std::move(head));
  EXPECT_EQ(r.result(), Status::ok);
  EXPECT_TRUE(r.body().empty());
  EXPECT_EQ(header(r, beast_http::field::content_length),
            std::to_string(std::string_view("export const x = 1;").size()));
  EXPECT_EQ(header(r, beast_http::field::content_type), "text/javascript; charset=utf-8");
  EXPECT_EQ(header(r, beast_http::field::etag), "\"a1\"");
  EXPECT_FALSE(header(r, "Content-Security-Policy").empty());
}

TEST(StaticFiles, OnlyGetAndHead) {
  for (auto verb : {beast_http::verb::post, beast_http::verb::put, beast_http::verb::delete_}) {
    Request other{verb, "/console/app.js", 11};
    const Response r = through_api(std::move(other));
    EXPECT_EQ(r.result(), Status::method_not_allowed);
    EXPECT_EQ(header(r, beast_http::field::allow), "GET, HEAD");
  }
}

TEST(StaticFiles, NoTableAnswers404) {
  EXPECT_EQ(serve_static(get("/console/"), "/console/", "/console", {}).result(),
            Status::not_found);
}

// The table the build embeds from console/web: the page and what it loads, each with a known
// type and an ETag, and nothing that loads from another origin.
TEST(ConsoleFiles, EmbeddedFromTheSourceTree) {
  std::set<std::string> names;
  for (const StaticFile& f : console::files()) {
    names.insert(std::string(f.name));
    EXPECT_NE(content_type_of(f.name), "application/octet-stream") << f.name;
    EXPECT_FALSE(f.content.empty()) << f.name;
    EXPECT_GE(f.etag.size(), 3u) << f.name;
    EXPECT_EQ(f.etag.front(), '"');
    EXPECT_EQ(f.etag.back(), '"');
    for (std::string_view foreign : {"http://", "https://", "src=\"//", "href=\"//"}) {
      EXPECT_EQ(f.content.find(foreign), std::string_view::npos) << f.name << ": " << foreign;
    }
  }
  EXPECT_TRUE(names.count("index.html"));
  EXPECT_TRUE(names.count("app.js"));
  EXPECT_TRUE(names.count("style.css"));
}

}  // namespace
}  // namespace caseflow::http
