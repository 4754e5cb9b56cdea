// `caseflow hash-token`: the SHA-256 (hex) of a bearer token, the form http.auth.tokens stores
// (docs/security.md). The token is read from standard input, not the command line, so it stays
// out of the shell history and the process list. Exit 0, or 2 when standard input is empty.
#include <CLI/CLI.hpp>
#include <iostream>
#include <iterator>
#include <string>

#include "app/commands.h"
#include "connectors/http/auth/static_tokens.h"

namespace caseflow::app {
namespace {

int hash_token() {
  std::string token((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  // `echo TOKEN | caseflow hash-token` adds a newline that is not part of the token.
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  if (token.empty()) {
    std::cerr << "caseflow hash-token: give the token on standard input, e.g.\n"
                 "  printf %s \"$TOKEN\" | caseflow hash-token\n";
    return 2;
  }
  std::cout << http::auth::sha256_hex(token) << "\n";
  return 0;
}

}  // namespace

void add_hash_token_command(CLI::App& cli, CommandRunner& chosen) {
  auto* command = cli.add_subcommand(
      "hash-token",
      "Print the SHA-256 (hex) of the bearer token on standard input, for http.auth.tokens.");
  command->callback([&chosen] { chosen = [] { return hash_token(); }; });
}

}  // namespace caseflow::app
