// fep keygen, fep jwks: making keys and publishing their public halves.
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "core/jose/jwk.h"
#include "io.h"
#include "key_files.h"

namespace fep::cli {

int keygen(int argc, char** argv) {
  static const char* kHelp =
      "usage: fep keygen --out KEY.jwk\n"
      "Generates an Ed25519 key pair and writes the private JWK to KEY.jwk (mode 0600; an existing\n"
      "file is never overwritten). Prints the key's kid (RFC 7638 thumbprint).\n";
  int exit_code = kOk;
  const auto args = parse_command(argc, argv, "keygen", {"out"}, kHelp, exit_code);
  if (!args) return exit_code;
  if (!args->value("out") || !args->positional().empty()) return usage_error("keygen", "--out KEY.jwk is required");

  const auto key = jose::crypto::SecretKey::generate();
  if (!write_private_file(*args->value("out"), jose::jwk::to_private_json(key).dump(2) + "\n")) return kFailed;
  std::printf("%s\n", jose::jwk::thumbprint(key.public_key()).c_str());
  return kOk;
}

int jwks(int argc, char** argv) {
  static const char* kHelp =
      "usage: fep jwks KEY.jwk...\n"
      "Prints the public JWKS ({\"keys\":[...]}) for the given keys (private or public JWKs, or JWKS files).\n";
  int exit_code = kOk;
  const auto args = parse_command(argc, argv, "jwks", {}, kHelp, exit_code);
  if (!args) return exit_code;
  if (args->positional().empty()) return usage_error("jwks", "give at least one key file");

  auto keys = read_public_keys(args->positional());
  if (!keys) return fail(keys.error());
  json::Json set{{"keys", json::Json::array()}};
  for (const auto& key : *keys) set["keys"].push_back(jose::jwk::to_public_json(key));
  std::printf("%s\n", set.dump(2).c_str());
  return kOk;
}

}  // namespace fep::cli
