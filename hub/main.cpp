// fep-hub: the school's server and its administration commands (docs/hub.md).
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/io.h"
#include "core/import/files.h"
#include "core/json/json.h"
#include "core/record/record.h"
#include "core/record/timestamp.h"
#include "hub/account_id.h"
#include "hub/admin.h"
#include "hub/auth.h"
#include "hub/contacts.h"
#include "hub/demo.h"
#include "hub/keys.h"
#include "hub/server.h"
#include "hub/static_files.h"
#include "hub/store.h"

namespace {

using namespace fep;
using namespace fep::hub;
using fep::cli::Args;
using fep::import::json_files_in;
using fep::import::read_file;

constexpr const char* kHelp =
    "usage: fep-hub COMMAND --data DIR [--db postgresql://…] [options]\n"
    "  --data DIR holds the keys, and the data in DIR/hub.sqlite unless --db names a PostgreSQL\n"
    "  database, which any number of hub processes may share (docs/scaling.md)\n"
    "  serve [--port N] [--host H] [--iss URL] [--public-url URL] [--cors ORIGIN,...]\n"
    "        [--static DIR] [--demo DIR]          run the hub (127.0.0.1:8080); --static serves the\n"
    "                                             widget's site (build/site); --demo imports a demo\n"
    "                                             school (docs/examples/demo-school) into an empty\n"
    "                                             data folder and prints its sign-in codes\n"
    "        [--trusted-proxy ADDRESS,...]        the proxy in front (docs/deploy/): only its\n"
    "                                             X-Forwarded-For names the client's address\n"
    "        [--directory DIR.jws --directory-key KEY.json]\n"
    "                                             accept records handed over from the districts a\n"
    "                                             trust directory lists (docs/transfers.md)\n"
    "        [--district-ca CERTS.pem]            trust these certificates when fetching other\n"
    "                                             districts' key sets (default: the system's)\n"
    "  records put FILE.json|DIR...               store students' records (docs/record-schema.md);\n"
    "                                             a folder: each *.json in it\n"
    "  staff add --id ID --name NAME --role teacher|counsellor|admin [--students A,B]\n"
    "  invite (--contact ID | --staff ID) [--days N]   print a one-time code on the first line\n"
    "  invite --all families|staff [--days N]     a code for every family contact (or staff member):\n"
    "                                             lines of account, code and link (tab-separated)\n"
    "  staff remove --id ID                       off-boarding: the account, its students and its\n"
    "                                             devices (revoked) go; audited\n"
    "  access grant --contact ID --student ID --reason TEXT\n"
    "                                             let a contact who is not a parent or legal\n"
    "                                             guardian without restrictions read one record;\n"
    "                                             audited (contacts audit)\n"
    "  transfers list --student ID                records handed over for a student: iss, sub, seq,\n"
    "                                             issuer, sender, received, shown or held\n"
    "  transfers confirm --student ID --iss ISS --sub SUB --seq N\n"
    "                                             a held record (it names another student) is this\n"
    "                                             student's after all: shown from now on; audited\n"
    "  devices list | devices revoke KID\n"
    "  contacts list --student ID                 a student's contact records: idem, id, author,\n"
    "                                             shown or why not, bytes, time\n"
    "  contacts quarantine IDEM --reason TEXT     take a record out of the student's bundles; kept,\n"
    "                                             and audited (contacts audit lists what was done)\n"
    "  keys rotate                                add a signing key and re-sign the key set\n"
    "  import edfi|oneroster DIR [--descriptors MAP.json] [--year YYYY] [--as-of YYYY-MM-DD]\n"
    "                                             SIS data in (docs/import.md); unchanged students\n"
    "                                             keep their bundles; staff the export no longer\n"
    "                                             holds are removed; ended classes link nobody\n"
    "  backup --to FILE                           a consistent copy of the data, while running\n";

date::sys_seconds now() { return record::timestamp::from_epoch(std::time(nullptr)); }

int fail(const Error& error) {
  std::fprintf(stderr, "error: %s: %s%s%s\n", std::string(to_string(error.code)).c_str(),
               std::string(default_message(error.code)).c_str(), error.detail.empty() ? "" : " ",
               error.detail.empty() ? "" : ("(" + error.detail + ")").c_str());
  return 1;
}
int usage(const std::string& message) {
  std::fprintf(stderr, "fep-hub: %s\n%s", message.c_str(), kHelp);
  return 2;
}

// Every option any command takes; the CLI's parser refuses any other (a typo is a usage error, not
// an option silently ignored).
const std::set<std::string> kOptions = {"data",        "db",     "port", "host",          "iss",       "public-url",
                                        "cors",        "static", "demo", "trusted-proxy", "directory", "directory-key",
                                        "district-ca", "id",     "name", "role",          "students",  "contact",
                                        "staff",       "all",    "days", "student",       "reason",    "descriptors",
                                        "year",        "as-of",  "to",   "sub",           "seq"};

// A whole number from `low` to `high`, or nullopt ("abc", "8080x" and "-1" are not ports).
std::optional<long> whole_number(const std::string& text, long low, long high) {
  const auto parsed = fep::cli::parse_integer(text, low, high);
  return parsed ? std::optional<long>(static_cast<long>(*parsed)) : std::nullopt;
}

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = list.find(',', start);
    const auto item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// Each file, or each *.json in a folder, stored as one student's record; the first refusal stops.
int records_put(Store& store, const Args& args) {
  if (args.positional().size() < 3) return usage("records put takes FILE.json or a folder of them");
  std::vector<std::string> files;
  for (std::size_t i = 2; i < args.positional().size(); ++i) {
    auto listed = json_files_in(args.positional()[i]);
    if (!listed) return fail(listed.error());
    files.insert(files.end(), listed->begin(), listed->end());
  }
  for (const auto& file : files) {
    const auto text = read_file(file);
    if (!text) return fail(text.error());
    const auto json = json::parse_strict(*text);
    if (!json) return fail({json.code(), file + ": " + json.error().detail});
    const auto student = put_record(store, json->dump());
    if (!student) return fail({student.code(), file + ": " + student.error().detail});
    std::printf("%s\n", student->c_str());
  }
  return 0;
}

int staff_add(Store& store, const Args& args) {
  const auto* id = args.value("id");
  const auto* name = args.value("name");
  const auto* role = args.value("role");
  if (!id || !name || !role) return usage("staff add needs --id, --name and --role");
  const auto staff = staff_role(*role);
  if (!staff) return usage("--role is teacher, counsellor or admin");
  const auto* students = args.value("students");
  if (auto put = store.put_staff({*id, *name, *staff, students ? split(*students) : std::vector<std::string>{}});
      !put) {
    return fail(put.error());
  }
  return 0;
}

// Who did it, for the audit log: the administrator's login on this machine.
std::string actor() {
  const char* user = std::getenv("SUDO_USER") ? std::getenv("SUDO_USER") : std::getenv("USER");
  return user ? user : "administrator";
}

int staff_remove(Store& store, const Args& args) {
  const auto* id = args.value("id");
  if (!id) return usage("staff remove needs --id");
  const auto removed = store.remove_staff(*id, actor(), now());
  if (!removed) return fail(removed.error());
  if (!*removed) return fail({ErrorCode::unavailable, "no such staff member: " + *id});
  return 0;
}

int access_grant(Store& store, const Args& args) {
  const auto* contact = args.value("contact");
  const auto* student = args.value("student");
  const auto* reason = args.value("reason");
  if (!contact || !student || !reason) return usage("access grant needs --contact, --student and --reason");
  if (auto granted = grant_access(store, {*contact, *student, *reason, actor(), now()}); !granted)
    return fail(granted.error());
  return 0;
}

int invite(Store& store, const Args& args) {
  const auto* contact = args.value("contact");
  const auto* staff = args.value("staff");
  const auto* all = args.value("all");
  if ((contact ? 1 : 0) + (staff ? 1 : 0) + (all ? 1 : 0) != 1) {
    return usage("invite needs --contact ID, --staff ID or --all families|staff");
  }
  const auto* days = args.value("days");
  const auto lifetime = days ? std::chrono::hours(24 * whole_number(*days, 1, 365).value_or(0)) : kInviteLifetime;
  if (lifetime.count() == 0) return usage("--days is a whole number from 1 to 365");
  if (all) {
    if (*all != "families" && *all != "staff") return usage("--all is families or staff");
    const auto issued = create_invites_for_all(store, *all == "families", lifetime, now());
    if (!issued) return fail(issued.error());
    const auto url = store.setting("public_url");
    const std::string link = url && url->has_value() ? **url + "#invite=" : "";
    for (const auto& invite : *issued) {
      std::printf("%s\t%s%s%s\n", invite.account.c_str(), invite.code.c_str(), link.empty() ? "" : "\t",
                  link.empty() ? "" : (link + invite.code).c_str());
    }
    return 0;
  }
  const std::string account = (contact ? AccountId::contact(*contact) : AccountId::staff(*staff)).text();
  const auto code = create_invite(store, account, lifetime, now());
  if (!code) return fail(code.error());
  std::printf("%s\nfor %s, valid until %s\n", code->c_str(), account.c_str(),
              record::timestamp::format_rfc3339(now() + lifetime).c_str());
  const auto url = store.setting("public_url");
  if (url && url->has_value()) std::printf("open %s#invite=%s\n", (**url).c_str(), code->c_str());
  return 0;
}

int import_command(Store& store, const Args& args) {
  if (args.positional().size() != 3 || (args.positional()[1] != "edfi" && args.positional()[1] != "oneroster"))
    return usage("import edfi|oneroster DIR");
  import::Options options;
  if (const auto* map = args.value("descriptors")) options.descriptor_map = *map;
  if (const auto* year = args.value("year")) {
    const auto number = whole_number(*year, 1900, 2200);
    if (!number) return usage("--year is the year a school year ends in, e.g. 2026");
    options.school_year = static_cast<int>(*number);
  }
  // Classes a student or teacher has left by today (their association's endDate) link them no more.
  const auto* as_of = args.value("as-of");
  options.as_of = as_of ? *as_of : record::timestamp::format_rfc3339(now()).substr(0, 10);
  import::Report report;
  const auto counts =
      import_into(store, args.positional()[1] == "edfi" ? import::Format::edfi : import::Format::oneroster,
                  args.positional()[2], options, report, now());
  if (!counts) return fail(counts.error());
  auto out = report.to_json();
  out["records"] = {{"changed", counts->records_changed}, {"unchanged", counts->records_unchanged}};
  out["staff"] = {
      {"changed", counts->staff_changed}, {"unchanged", counts->staff_unchanged}, {"removed", counts->removed}};
  std::printf("%s\n", json::to_text(out, 2).c_str());
  return report.errors.empty() ? 0 : 1;
}

// An administrator's view of a student's contact records, and quarantine: a record taken out of the
// student's bundles (abuse, a mistake, a log too large to sign), kept, with who did it and why audited.
int contacts(Store& store, const Args& args) {
  if (args.positional().size() == 2 && args.positional()[1] == "list" && args.value("student")) {
    const auto list = store.contacts_of(*args.value("student"));
    if (!list) return fail(list.error());
    for (const auto& c : *list) {
      const json::Json record = stored_payload(c.compact)["record"];
      std::printf("%s\t%s\t%s\t%s\t%zu\t%s\n", c.idem.c_str(), json::to_text(record.value("id", "")).c_str(),
                  c.account.c_str(), c.accepted ? "shown" : c.code.c_str(), c.compact.size(),
                  json::to_text(record.value("at", "")).c_str());
    }
    return 0;
  }
  if (args.positional().size() == 3 && args.positional()[1] == "quarantine") {
    const auto* reason = args.value("reason");
    if (!reason || reason->empty()) return usage("contacts quarantine IDEM --reason TEXT");
    const auto done = store.quarantine_contact(args.positional()[2], actor(), *reason, now());
    if (!done) return fail(done.error());
    if (!*done) return fail({ErrorCode::unavailable, "no shown contact record has idem " + args.positional()[2]});
    return 0;
  }
  if (args.positional().size() == 2 && args.positional()[1] == "audit") {
    const auto log = store.audit_log();
    if (!log) return fail(log.error());
    for (const auto& line : *log) std::printf("%s\n", line.c_str());
    return 0;
  }
  return usage("contacts list --student ID | contacts quarantine IDEM --reason TEXT | contacts audit");
}

// Records other districts signed, handed over by families: what arrived, and a held one confirmed.
int transfers(Store& store, const Args& args) {
  const auto* student = args.value("student");
  if (args.positional().size() == 2 && args.positional()[1] == "list" && student) {
    const auto list = store.transfers(*student);
    if (!list) return fail(list.error());
    for (const auto& t : *list) {
      std::printf("%s\t%s\t%lld\t%s\t%s\t%s\t%s\n", t.iss.c_str(), t.sub.c_str(), static_cast<long long>(t.seq),
                  t.issuer_name.c_str(), t.sender.c_str(), record::timestamp::format_rfc3339(t.received).c_str(),
                  t.held ? "held" : "shown");
    }
    return 0;
  }
  const auto* iss = args.value("iss");
  const auto* sub = args.value("sub");
  const auto* seq = args.value("seq");
  if (args.positional().size() == 2 && args.positional()[1] == "confirm" && student && iss && sub && seq) {
    const auto confirmed =
        store.confirm_transfer(*student, *iss, *sub, whole_number(*seq, 0, 1L << 53).value_or(-1), actor(), now());
    if (!confirmed) return fail(confirmed.error());
    if (!*confirmed) return fail({ErrorCode::unavailable, "no held record of " + *sub + " for " + *student});
    return 0;
  }
  return usage("transfers list --student ID | transfers confirm --student ID --iss ISS --sub SUB --seq N");
}

int devices(Store& store, const Args& args) {
  if (args.positional().size() >= 2 && args.positional()[1] == "list") {
    const auto list = store.devices();
    if (!list) return fail(list.error());
    for (const auto& d : *list) {
      std::printf("%s\t%s\t%s\t%s\n", d.kid.c_str(), d.account.c_str(),
                  record::timestamp::format_rfc3339(d.enrolled).c_str(), d.revoked ? "revoked" : "active");
    }
    return 0;
  }
  if (args.positional().size() == 3 && args.positional()[1] == "revoke") {
    const auto revoked = store.revoke_device(args.positional()[2]);
    if (!revoked) return fail(revoked.error());
    if (!*revoked) return fail({ErrorCode::unavailable, "no such device: " + args.positional()[2]});
    return 0;
  }
  return usage("devices list | devices revoke KID");
}

int serve_command(Store& store, const Args& args, const std::string& data, const std::string& iss) {
  const auto keys = load_or_create_keys(data);
  if (!keys) return fail(keys.error());
  if (auto published = publish_if_due(store, *keys, iss, now()); !published) return fail(published.error());
  ServerConfig config;
  config.iss = iss;
  if (const auto* port = args.value("port")) {
    const auto number = whole_number(*port, 0, 65535);
    if (!number) return usage("--port is a whole number from 0 (any free port) to 65535");
    config.port = static_cast<int>(*number);
  }
  if (const auto* host = args.value("host")) config.host = *host;
  if (const auto* url = args.value("public-url")) config.public_url = *url;
  if (const auto* origins = args.value("cors")) config.cors_origins = split(*origins);
  if (const auto* proxies = args.value("trusted-proxy")) config.trusted_proxies = split(*proxies);
  // The demo school is made before the hub answers anyone; its codes are kept beside the data (they
  // are stored only hashed) and shown on every start, each marked once used.
  const std::string demo_file = data + "/demo-invites.tsv";
  std::vector<DemoInvite> demo_invites;
  std::string demo_older;
  const bool demo = args.value("demo") != nullptr;
  if (demo) {
    if (auto kept = read_file(demo_file)) {
      demo_invites = parse_demo_invites(*kept);
    } else if (auto older = read_file(data + "/demo-invites.txt")) {
      demo_older = std::move(older).value();  // a demo made by an earlier fep-hub: its text as it was
    } else {
      auto invites = create_demo_school(store, *args.value("demo"), now());
      if (!invites) return fail(invites.error());
      demo_invites = std::move(invites).value();
      if (std::FILE* out = std::fopen(demo_file.c_str(), "wb")) {
        std::fputs(demo_invites_file(demo_invites).c_str(), out);
        std::fclose(out);
      }
    }
  }
  if (args.value("directory") || args.value("directory-key")) {
    if (!args.value("directory") || !args.value("directory-key")) return usage("--directory needs --directory-key");
    auto listed = read_file(*args.value("directory"));
    if (!listed) return fail(listed.error());
    auto key = read_file(*args.value("directory-key"));
    if (!key) return fail(key.error());
    auto directory = load_directory(store, std::move(listed).value(), *key, now());
    if (!directory) return fail(directory.error());
    config.directory = std::move(directory).value();
    // Other districts publish their key sets over HTTPS; a test's own certificate authority, or a
    // district network's, is named here (default: the system's).
    if (const auto* ca = args.value("district-ca")) config.directory.fetch.ca_file = *ca;
  }
  std::optional<StaticFiles> site;
  if (const auto* folder = args.value("static")) {
    auto loaded = StaticFiles::load(*folder);
    if (!loaded) return fail(loaded.error());
    site = std::move(loaded).value();
    config.site = &*site;
  }
  return serve(
      store, *keys, config,
      [&](int port) {
        const std::string url = config.public_url.empty()
                                    ? "http://" + config.host + ":" + std::to_string(port) + "/"
                                    : config.public_url + (config.public_url.back() == '/' ? "" : "/");
        (void)store.set_setting("public_url", url);  // for invite links; a failure only loses the link
        if (demo)
          std::printf(
              "%s", demo_older.empty() ? demo_text(store, demo_invites, url, data, now()).c_str() : demo_older.c_str());
        std::printf("fep-hub listening on http://%s:%d/\n", config.host.c_str(), port);
        std::fflush(stdout);
      },
      now);
}

int run(int argc, char** argv) {
  std::string error;
  const auto args = Args::parse(argc, argv, 1, kOptions, {}, error);
  if (!args) return usage(error);
  if (args->positional().empty()) return usage("give a command");
  const auto* data = args->value("data");
  if (!data) return usage("--data DIR is required");
  // Every file the hub makes (the database, its journal, backups, the demo's codes) is its alone.
  ::umask(077);
  ::mkdir(data->c_str(), 0700);
  // A database made by an older hub under a looser umask is tightened too.
  for (const char* suffix : {"/hub.sqlite", "/hub.sqlite-wal", "/hub.sqlite-shm"})
    ::chmod((*data + suffix).c_str(), 0600);
  // The keys stay in DIR; the data is there too (hub.sqlite) unless --db names a PostgreSQL database.
  const auto* db = args->value("db");
  if (db && !is_postgres_url(*db)) return usage("--db takes a postgresql:// URL (SQLite lives in --data)");
  auto store = open_store(db ? *db : *data + "/hub.sqlite", kDatabaseConnections);
  if (!store) return fail(store.error());
  const std::string& command = args->positional()[0];
  if (command == "records" && args->positional().size() >= 2 && args->positional()[1] == "put")
    return records_put(**store, *args);
  if (command == "staff" && args->positional().size() == 2 && args->positional()[1] == "add")
    return staff_add(**store, *args);
  if (command == "staff" && args->positional().size() == 2 && args->positional()[1] == "remove")
    return staff_remove(**store, *args);
  if (command == "access" && args->positional().size() == 2 && args->positional()[1] == "grant")
    return access_grant(**store, *args);
  if (command == "invite") return invite(**store, *args);
  if (command == "devices") return devices(**store, *args);
  if (command == "transfers") return transfers(**store, *args);
  if (command == "contacts") return contacts(**store, *args);
  if (command == "import") return import_command(**store, *args);
  if (command == "backup") {
    const auto* to = args->value("to");
    if (!to) return usage("backup needs --to FILE");
    if (auto copied = (*store)->backup(*to); !copied) return fail(copied.error());
    return 0;
  }

  // The issuer is chosen once and kept with the data.
  const auto stored_iss = (*store)->setting("iss");
  if (!stored_iss) return fail(stored_iss.error());
  std::string iss_value;
  if (stored_iss->has_value()) {
    iss_value = **stored_iss;
  } else {
    const auto* given = args->value("iss");
    iss_value = given ? *given : "https://school.example.org";
    if (iss_value.rfind("https://", 0) != 0) return usage("--iss must be an https URL");
    if (auto saved = (*store)->set_setting("iss", iss_value); !saved) return fail(saved.error());
  }
  const std::string* iss = &iss_value;
  if (command == "keys" && args->positional().size() == 2 && args->positional()[1] == "rotate") {
    const auto keys = rotate_keys(*data);
    if (!keys) return fail(keys.error());
    if (auto published = publish(**store, *keys, *iss, now()); !published) return fail(published.error());
    std::printf("%s\n", public_of(keys->current()).kid.c_str());
    return 0;
  }
  if (command == "serve") return serve_command(**store, *args, *data, *iss);
  return usage("unknown command " + command);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "help") == 0)) {
    std::printf("%s", kHelp);
    return 0;
  }
  return run(argc, argv);
}
