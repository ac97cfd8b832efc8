// fep sign, fep keyset, fep revoke, fep directory: issuing signed objects. Each checks its inputs against the same
// profile the verifier enforces, so the tool never signs something a widget would refuse.
#include <cstdio>
#include <ctime>

#include "args.h"
#include "commands.h"
#include "core/jose/base64url.h"
#include "core/jose/jws.h"
#include "core/record/timestamp.h"
#include "core/trust/bundle.h"
#include "core/trust/directory.h"
#include "core/trust/profile.h"
#include "io.h"
#include "key_files.h"

namespace fep::cli {
namespace {

constexpr std::int64_t kMaxTtlDays = 3660;
constexpr auto kMaxSeq = static_cast<std::int64_t>(json::kMaxSafeInteger);  // I-JSON: JavaScript holds it exactly

// The options every issuing command shares, and the claims they produce.
struct Issue {
  jose::crypto::SecretKey key;
  json::Json claims;  // iss, iat, nbf, exp, seq
};

// Options of every issuing command, plus the one naming its signing key.
std::set<std::string> issue_options(const char* key_option, std::set<std::string> more = {}) {
  more.insert({key_option, "iss", "seq", "ttl", "now"});
  return more;
}

// Reads --iss, --seq, --ttl and --now, and the signing key named by `key_option`. Returns kOk or an exit code.
int read_issue(const Args& args, const char* command, const char* key_option, Issue& issue) {
  for (const char* required : {key_option, "iss", "seq", "ttl"}) {
    if (!args.value(required)) return usage_error(command, std::string("--") + required + " is required");
  }
  const std::string& iss = *args.value("iss");
  if (iss.compare(0, 8, "https://") != 0 || iss.size() <= 8)
    return fail(ErrorCode::bad_claims, "--iss must be an https URL");
  const auto seq = parse_integer(*args.value("seq"), 0, kMaxSeq);
  if (!seq) return usage_error(command, "--seq must be a whole number");
  const auto ttl_days = parse_integer(*args.value("ttl"), 1, kMaxTtlDays);
  if (!ttl_days) return usage_error(command, "--ttl must be a whole number of days from 1 to 3660");
  std::int64_t now = std::time(nullptr);
  if (const auto* text = args.value("now")) {
    const auto parsed = record::timestamp::parse_epoch_or_rfc3339(*text);
    if (!parsed) return usage_error(command, "--now must be epoch seconds or an RFC 3339 time");
    now = record::timestamp::to_epoch(*parsed);
  }
  auto key = read_private_key(*args.value(key_option));
  if (!key) return fail(key.error());
  issue.key = std::move(key).value();
  issue.claims = {{"iss", iss}, {"iat", now}, {"nbf", now}, {"exp", now + *ttl_days * 86400}, {"seq", *seq}};
  return kOk;
}

int print_signed(std::string_view typ, const Issue& issue) {
  const std::string compact = jose::jws::sign(
      trust::profile::header_json(typ, jose::jwk::thumbprint(issue.key.public_key())), issue.claims.dump(), issue.key);
  if (compact.size() > jose::jws::kMaxCompactSize)
    return fail(ErrorCode::too_large, "the signed result would exceed 1 MiB");
  std::printf("%s\n", compact.c_str());
  return kOk;
}

Result<json::Json> read_json_object(const std::string& path, ErrorCode code_if_not_object) {
  auto parsed = read_json_file(path);
  if (parsed && !parsed->is_object()) return Error{code_if_not_object, path + " must hold a JSON object"};
  return parsed;
}

}  // namespace

int sign(int argc, char** argv) {
  static const char* kHelp =
      "usage: fep sign --key KEY.jwk --iss URL --sub ID --seq N --ttl DAYS [--typ record|roster|archive]\n"
      "                [--rid ID] [--now EPOCH|RFC3339] RECORD.json\n"
      "Signs RECORD.json (a JSON object: a record, a roster, or a part of a student's contact archive)\n"
      "as a bundle and prints the compact JWS. iat and nbf are now, exp is now + DAYS, jti is random,\n"
      "ver is the current schema version. Use - to read the record from standard input.\n";
  int exit_code = kOk;
  const auto args = parse_command(argc, argv, "sign", issue_options("key", {"sub", "typ", "rid"}), kHelp, exit_code);
  if (!args) return exit_code;
  if (args->positional().size() != 1) return usage_error("sign", "give exactly one RECORD.json");
  if (!args->value("sub") || args->value("sub")->empty()) return usage_error("sign", "--sub is required");
  const std::string typ_name = args->value("typ") ? *args->value("typ") : "record";
  const std::string_view typ = typ_name == "record"    ? trust::profile::kTypRecord
                               : typ_name == "roster"  ? trust::profile::kTypRoster
                               : typ_name == "archive" ? trust::profile::kTypArchive
                                                       : std::string_view();
  if (typ.empty()) return usage_error("sign", "--typ must be record, roster or archive");

  Issue issue;
  if (const int status = read_issue(*args, "sign", "key", issue); status != kOk) return status;
  auto data = read_json_object(args->positional()[0], ErrorCode::bad_record);
  if (!data) return fail(data.error());

  issue.claims["sub"] = *args->value("sub");
  issue.claims["jti"] = jose::base64url::encode(jose::crypto::random_bytes(16));
  issue.claims["ver"] = trust::kCurrentVersion;
  if (const auto* rid = args->value("rid")) {
    if (rid->empty()) return usage_error("sign", "--rid must not be empty");
    issue.claims["rid"] = *rid;
  }
  issue.claims[typ_name] = std::move(data).value();
  return print_signed(typ, issue);
}

int keyset(int argc, char** argv) {
  static const char* kHelp =
      "usage: fep keyset --root ROOT.jwk --iss URL --seq N --ttl DAYS [--now T] KEY...\n"
      "Signs, with a pinned root key, the set of current signing keys (JWK or JWKS files; only public\n"
      "halves are included) and prints the compact JWS (typ fep-keyset+jwt). Raise --seq on every change.\n";
  int exit_code = kOk;
  const auto args = parse_command(argc, argv, "keyset", issue_options("root"), kHelp, exit_code);
  if (!args) return exit_code;
  if (args->positional().empty()) return usage_error("keyset", "give at least one signing key");

  Issue issue;
  if (const int status = read_issue(*args, "keyset", "root", issue); status != kOk) return status;
  auto keys = read_public_keys(args->positional());
  if (!keys) return fail(keys.error());
  issue.claims["keys"] = json::Json::array();
  for (const auto& key : *keys) issue.claims["keys"].push_back(jose::jwk::to_public_json(key));
  return print_signed(trust::profile::kTypKeyset, issue);
}

int revoke(int argc, char** argv) {
  static const char* kHelp =
      "usage: fep revoke --root ROOT.jwk --iss URL --seq N --ttl DAYS [--now T] REVOKED.json\n"
      "Signs, with a pinned root key, the revocation list REVOKED.json ({\"<kid>\": [\"<jti or rid>\", ...]})\n"
      "and prints the compact JWS (typ fep-revocation+jwt). --seq is the list's counter: raise it each time.\n";
  int exit_code = kOk;
  const auto args = parse_command(argc, argv, "revoke", issue_options("root"), kHelp, exit_code);
  if (!args) return exit_code;
  if (args->positional().size() != 1) return usage_error("revoke", "give exactly one REVOKED.json");

  Issue issue;
  if (const int status = read_issue(*args, "revoke", "root", issue); status != kOk) return status;
  auto revoked = read_json_object(args->positional()[0], ErrorCode::bad_claims);
  if (!revoked) return fail(revoked.error());
  for (const auto& [kid, ids] : revoked->items()) {
    if (!ids.is_array()) return fail(ErrorCode::bad_claims, kid + " must map to an array of ids");
    for (const auto& id : ids) {
      if (!id.is_string() || id.get_ref<const std::string&>().empty())
        return fail(ErrorCode::bad_claims, "ids must be non-empty strings");
    }
  }
  issue.claims["revoked"] = std::move(revoked).value();
  return print_signed(trust::profile::kTypRevocations, issue);
}

int directory(int argc, char** argv) {
  static const char* kHelp =
      "usage: fep directory --key DIRECTORY.jwk --iss URL --seq N --ttl DAYS [--now T] ISSUERS.json\n"
      "Signs the trust directory: ISSUERS.json is an array of {\"iss\", \"name\", \"roots\": [public JWK...],\n"
      "\"keyset\"?: URL, \"revocations\"?: URL}, one entry per participating district. Prints the compact JWS\n"
      "(typ fep-directory+jwt). Widgets and hubs pin the directory key; raise --seq on every change.\n";
  int exit_code = kOk;
  const auto args = parse_command(argc, argv, "directory", issue_options("key"), kHelp, exit_code);
  if (!args) return exit_code;
  if (args->positional().size() != 1) return usage_error("directory", "give exactly one ISSUERS.json");

  Issue issue;
  if (const int status = read_issue(*args, "directory", "key", issue); status != kOk) return status;
  auto listed = read_json_file(args->positional()[0]);
  if (!listed) return fail(listed.error());
  auto issuers = trust::read_issuers(*listed);
  if (!issuers) return fail(issuers.error());
  issue.claims["issuers"] = trust::issuers_to_json(*issuers);
  return print_signed(trust::profile::kTypDirectory, issue);
}

}  // namespace fep::cli
