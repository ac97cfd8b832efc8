// fep: the district's command-line tool. Exit codes: 0 success, 1 verification or input failure,
// 2 usage error.
#include <cstdio>
#include <cstring>
#include <string_view>

namespace {

constexpr const char* kUsage =
    "usage: fep <command> [options]\n"
    "\n"
    "commands:\n"
    "  help       show this help\n"
    "  version    print the version\n";

}  // namespace

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  if (command == "help" || command == "--help" || command == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (command == "version" || command == "--version") {
    std::puts("fep 0.1.0");
    return 0;
  }
  std::fputs(kUsage, stderr);
  return 2;
}
