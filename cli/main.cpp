// fep: the district's command-line tool for keys and signed bundles.
// Exit codes: 0 success; 1 failure, with one line "error: <code>: <message>" on stderr; 2 usage error.
#include <cstdio>
#include <string_view>

#include "commands.h"
#include "io.h"

namespace {

struct Command {
  std::string_view name;
  int (*run)(int argc, char** argv);
  std::string_view summary;
};

constexpr Command kCommands[] = {
    {"keygen", fep::cli::keygen, "generate an Ed25519 signing key (private JWK, mode 0600)"},
    {"jwks", fep::cli::jwks, "print the public JWKS for keys"},
    {"sign", fep::cli::sign, "sign a student record (or roster) as a bundle"},
    {"verify", fep::cli::verify, "verify a bundle and print its claims"},
    {"summary", fep::cli::summary, "verify a bundle and print the student's summary"},
    {"keyset", fep::cli::keyset, "sign the current signing keys with a root key"},
    {"revoke", fep::cli::revoke, "sign a revocation list with a root key"},
    {"directory", fep::cli::directory, "sign the trust directory of participating issuers"},
    {"dashboard", fep::cli::dashboard, "verify students' bundles and print the staff dashboard"},
    {"import", fep::cli::import, "SIS data (Ed-Fi API resources, OneRoster CSV) to records and rosters"},
};

void print_usage(FILE* out) {
  std::fputs("usage: fep <command> [options]   (fep <command> --help for details)\n\ncommands:\n", out);
  for (const auto& command : kCommands) {
    std::fprintf(out, "  %-8.*s %.*s\n", static_cast<int>(command.name.size()), command.name.data(),
                 static_cast<int>(command.summary.size()), command.summary.data());
  }
  std::fputs("  version  print the version\n\nexit status: 0 success, 1 failure (error: <code>: <message>), 2 usage\n",
             out);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view name = argc > 1 ? argv[1] : "";
  if (name == "help" || name == "--help" || name == "-h") {
    print_usage(stdout);
    return fep::cli::kOk;
  }
  if (name == "version" || name == "--version") {
    std::puts("fep 0.1.0");
    return fep::cli::kOk;
  }
  for (const auto& command : kCommands) {
    if (command.name == name) return command.run(argc - 2, argv + 2);
  }
  print_usage(stderr);
  return fep::cli::kUsage;
}
