#include "args.h"

#include "io.h"

namespace fep::cli {

std::optional<Args> Args::parse(int argc, char** argv, int first, const std::set<std::string>& options,
                                const std::set<std::string>& flags, std::string& error) {
  Args args;
  bool only_positional = false;
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (only_positional || arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      args.positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positional = true;
      continue;
    }
    const std::string name = arg.substr(2);
    if (flags.count(name)) {
      args.flags_.insert(name);
    } else if (options.count(name)) {
      if (i + 1 >= argc) {
        error = "option --" + name + " needs a value";
        return std::nullopt;
      }
      if (!args.values_.emplace(name, argv[++i]).second) {
        error = "option --" + name + " given twice";
        return std::nullopt;
      }
    } else {
      error = "unknown option " + arg;
      return std::nullopt;
    }
  }
  return args;
}

const std::string* Args::value(const std::string& name) const {
  const auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

std::optional<Args> parse_command(int argc, char** argv, const char* name, const std::set<std::string>& options,
                                  const char* help, int& exit_code, std::set<std::string> flags) {
  std::string error;
  flags.insert("help");
  auto args = Args::parse(argc, argv, 0, options, flags, error);
  if (!args) {
    exit_code = usage_error(name, error);
    return std::nullopt;
  }
  if (args->has("help")) {
    exit_code = print_help(help);
    return std::nullopt;
  }
  return args;
}

}  // namespace fep::cli
