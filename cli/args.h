// Command-line arguments: `--name value` options, `--flag` switches and positional arguments.
// Anything unexpected is a usage error (exit 2), never a guess.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fep::cli {

class Args {
 public:
  // `options` take a value, `flags` do not. Returns nullopt and sets `error` on an unknown or
  // repeated option, or an option missing its value.
  static std::optional<Args> parse(int argc, char** argv, int first, const std::set<std::string>& options,
                                   const std::set<std::string>& flags, std::string& error);

  bool has(const std::string& name) const { return values_.count(name) > 0 || flags_.count(name) > 0; }
  const std::string* value(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
  std::vector<std::string> positional_;
};

// A subcommand's arguments. With --help, prints `help` and sets `exit_code` to 0; on a usage error,
// prints it and sets `exit_code` to 2. Returns the arguments only when the command should run.
std::optional<Args> parse_command(int argc, char** argv, const char* name, const std::set<std::string>& options,
                                  const char* help, int& exit_code, std::set<std::string> flags = {});

}  // namespace fep::cli
