#include "hub/server.h"

#include <algorithm>
#include <cstdio>

#include "core/error.h"
#include "core/json/json.h"
#include "core/text/utf8.h"
#include "hub/account_id.h"
#include "hub/auth.h"
#include "hub/bundles.h"
#include "hub/compress.h"
#include "hub/compressed_cache.h"
#include "hub/contacts.h"
#include "hub/dashboard_refresher.h"
#include "hub/dashboards.h"
#include "hub/http/message.h"
#include "hub/http/server.h"
#include "hub/transfers.h"

namespace fep::hub {
namespace {

constexpr int kEnrollPerAddress = 20;  // attempts per address in kEnrollWindow
constexpr int kEnrollPerCode = 5;      // wrong tries of one code before it locks
constexpr std::chrono::minutes kEnrollWindow{15};
// The policy the demo pages are tested under (scripts/serve.mjs): nothing inline, nothing from elsewhere.
constexpr const char* kStrictCsp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; frame-ancestors 'self'; "
    "base-uri 'self'; object-src 'none'";

constexpr const char* kJsonType = "application/json; charset=utf-8";

// 503 is the store being away (a restart, a full disk, a dropped connection): the client retries.
void answer(http::Response& res, int status, const json::Json& body) {
  res.status = status;
  if (status == 503) res.set_header("Retry-After", "1");
  // Never dump(): an answer may hold outside text, and a throw would end the hub (json::to_text).
  res.body = json::to_text(body);
  res.set_header("Content-Type", kJsonType);
}

void refuse(http::Response& res, int status, ErrorCode code, const std::string& message = {}) {
  answer(res, status,
         {{"code", std::string(to_string(code))},
          {"message", message.empty() ? std::string(default_message(code)) : message}});
}

// How `body` goes out: "br" or "gzip" when the client accepts it and the body is big enough to gain,
// else "" (as it is). Brotli where the effort allows it; at `fast`, gzip's fastest level is quicker
// still.
constexpr std::size_t kCompressFrom = 1024;
// The name a student's record gives the family contact signed in as `account` ("contact:<id>").
std::optional<std::string> contact_name(const json::Json& record, const std::string& account) {
  const auto contacts = record.find("contacts");
  if (contacts == record.end() || !contacts->is_array()) return std::nullopt;
  for (const auto& contact : *contacts) {
    if (contact.is_object() && AccountId::contact(contact.value("id", "")).text() == account)
      return contact.value("name", "");
  }
  return std::nullopt;
}

std::string_view coding_for(const http::Request& req, const std::string& body, Effort effort = Effort::normal) {
  if (body.size() <= kCompressFrom) return {};
  const std::string accepted = req.header("accept-encoding");
  if (effort == Effort::normal && accepts_encoding(accepted, "br")) return "br";
  return accepts_encoding(accepted, "gzip") ? "gzip" : "";
}

// Compresses an answer's body in place when worth it; true if it did.
bool compress_answer(const http::Request& req, http::Response& res, Effort effort) {
  const std::string_view coding = coding_for(req, res.body, effort);
  std::string compressed = coding.empty() ? std::string() : encode(res.body, coding, effort);
  if (compressed.empty()) return false;
  res.set_header("Content-Encoding", std::string(coding));
  res.body = std::move(compressed);
  return true;
}

// A bundle that could not be issued: the store's failure is retryable, a record that would not be
// valid signed is the hub's fault.
int issue_status(const Error& error) { return error.code == ErrorCode::unavailable ? 503 : 500; }

void refuse(http::Response& res, int status, const std::string& code, const std::string& message) {
  answer(res, status, {{"code", code}, {"message", message}});
}

// An ETag header value: each encoding of a body is its own representation, with its own tag.
std::string entity_tag(const std::string& tag, std::string_view coding) {
  return "\"" + tag + (coding == "gzip" ? "-gz" : coding == "br" ? "-br" : "") + "\"";
}

struct Caller {
  Account account;
  Proof proof;
};

class Routes {
 public:
  Routes(Store& store, const Keys& keys, const ServerConfig& config, std::function<date::sys_seconds()> clock)
      : store_(store),
        keys_(keys),
        config_(config),
        clock_(std::move(clock)),
        refresher_(store, {config.iss, &keys}, clock_) {}

  void set_public_url(std::string url) {
    if (!url.empty() && url.back() == '/') url.pop_back();
    public_base_ = std::move(url);
  }

  // Every answer passes here: the route, then what every answer carries. CORS for the configured
  // school sites only (the API's DPoP header needs a preflight, and the ETag must be readable); any
  // other origin gets no CORS headers, so its pages cannot read answers.
  void handle(http::Request& req, http::Response& res) {
    const std::string origin = req.header("origin");
    const auto& origins = config_.cors_origins;
    const bool allowed = std::find(origins.begin(), origins.end(), origin) != origins.end();
    if (req.method == "OPTIONS") {
      res.status = allowed ? 204 : 403;
      if (allowed) {
        res.set_header("Access-Control-Allow-Methods", "GET, POST");
        res.set_header("Access-Control-Allow-Headers", "DPoP, Content-Type, If-None-Match");
        res.set_header("Access-Control-Max-Age", "600");
      }
    } else {
      route(req, res);
    }
    // The hub's clock on every answer (RFC 9110 Date): a device whose clock is off corrects its proofs by it.
    res.set_header("Date", date::format("%a, %d %b %Y %H:%M:%S GMT", clock_()));
    if (allowed) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Access-Control-Expose-Headers", "ETag, Date");
    }
    const std::string vary = res.header("vary");
    res.set_header("Vary", vary.empty() ? "Origin" : vary + ", Origin");
    res.set_header("X-Content-Type-Options", "nosniff");
    // What a route did not say may be cached is not: an account's answer, an error.
    if (!res.has_header("cache-control")) res.set_header("Cache-Control", "no-store");
    // JSON answers are compressed here, with gzip at its fastest level unless their route chose better:
    // a dashboard is compressed on every request (Brotli's slowest setting took 0.4 s for 190 KB).
    if (res.header("content-type") == kJsonType && !res.has_header("content-encoding") && !res.shared_body)
      compress_answer(req, res, Effort::fast);
  }

  // The API: a method, a path whose ":id" segments are ids (percent-decoded, then checked with
  // text::is_valid_id: anything else is 400 malformed before a route runs), and its handler.
  struct Route {
    const char* method;
    const char* pattern;
    void (Routes::*handle)(const http::Request&, http::Response&);
  };
  void route(http::Request& req, http::Response& res) {
    static const Route kRoutes[] = {
        {"POST", "/api/enroll", &Routes::enroll},
        {"GET", "/api/me", &Routes::me},
        {"GET", "/api/students/:id/bundle", &Routes::bundle},
        {"GET", "/api/students/:id/archive/:id", &Routes::archive},
        {"GET", "/api/roster", &Routes::roster},
        {"GET", "/api/dashboard", &Routes::dashboard},
        {"POST", "/api/contact-log", &Routes::contact_log},
        {"POST", "/api/transfers", &Routes::transfer},
        {"GET", "/api/transfers", &Routes::history},
        {"GET", "/.well-known/jwks.json", &Routes::published},
        {"GET", "/.well-known/fep/roots.json", &Routes::published},
        {"GET", "/.well-known/fep/keyset.jws", &Routes::published},
        {"GET", "/.well-known/fep/revocations.jws", &Routes::published},
    };
    // The patterns split once, not on every request.
    static const auto kPatterns = [] {
      std::vector<std::vector<std::string>> split;
      for (const Route& candidate : kRoutes) split.push_back(split_path(candidate.pattern));
      return split;
    }();
    const auto segments = split_path(req.path);
    bool path_known = false;
    for (std::size_t r = 0; r < std::size(kRoutes); ++r) {
      const Route& candidate = kRoutes[r];
      const auto& pattern = kPatterns[r];
      if (pattern.size() != segments.size()) continue;
      std::vector<std::string> params;
      bool matches = true;
      for (std::size_t i = 0; i < pattern.size() && matches; ++i) {
        if (pattern[i] == ":id") {
          params.push_back(segments[i]);
        } else {
          matches = pattern[i] == segments[i];
        }
      }
      if (!matches) continue;
      path_known = true;
      if (req.method != candidate.method) continue;
      for (auto& param : params) {
        auto decoded = http::percent_decode(param);
        if (!decoded || !text::is_valid_id(*decoded)) return refuse(res, 400, ErrorCode::malformed, "not a valid id");
        param = std::move(*decoded);
      }
      req.params = std::move(params);
      return (this->*candidate.handle)(req, res);
    }
    if (path_known) return refuse(res, 405, "method_not_allowed", "this path takes another method");
    if (config_.site && req.method == "GET") return site_file(req, res);
    refuse(res, 404, "not_found", "no such path");
  }

 private:
  static std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t start = 1;
    while (start <= path.size()) {
      const auto slash = path.find('/', start);
      segments.emplace_back(path.substr(start, slash == std::string_view::npos ? path.npos : slash - start));
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
    return segments;
  }

  // The URL a proof names (htu): the hub's public URL and the path as the client sent it, still
  // percent-encoded, as a browser writes both. Never the request's Host header: a client chooses that.
  std::string url_of(const http::Request& req) const { return public_base_ + req.path; }

  // A valid, fresh proof for this request, or a refusal already answered.
  std::optional<Proof> checked_proof(const http::Request& req, http::Response& res) {
    auto proof = verify_proof(req.header("dpop"), req.method, url_of(req), clock_());
    if (!proof) {
      refuse(res, 401, proof.code(), proof.error().detail);
      return std::nullopt;
    }
    return std::move(proof).value();
  }

  // Whether the proof's jti is new (remembered from now on); false with a refusal answered.
  bool unreplayed(const Proof& proof, http::Response& res) {
    const auto fresh = store_.remember_proof(proof.jti, proof.iat + 2 * kProofSkew);
    if (!fresh) {
      refuse(res, 503, fresh.code(), fresh.error().detail);
      return false;
    }
    if (!*fresh) {
      refuse(res, 401, "replayed_proof", "this DPoP proof was used before");
      return false;
    }
    return true;
  }

  // A valid, fresh, unreplayed proof: the device's key and the proof, or a refusal already answered.
  std::optional<Proof> proof_of(const http::Request& req, http::Response& res) {
    auto proof = checked_proof(req, res);
    if (!proof || !unreplayed(*proof, res)) return std::nullopt;
    return proof;
  }

  // The signed-in caller: a proof by an enrolled, unrevoked device of an existing account. The device
  // is looked up before the proof's jti is remembered: a key that is not enrolled writes nothing.
  std::optional<Caller> caller(const http::Request& req, http::Response& res) {
    auto proof = checked_proof(req, res);
    if (!proof) return std::nullopt;
    const auto device = store_.device(proof->key.kid);
    if (!device) {
      refuse(res, 503, device.code(), device.error().detail);
      return std::nullopt;
    }
    if (!device->has_value()) {
      refuse(res, 401, "not_enrolled", "this device is not enrolled");
      return std::nullopt;
    }
    if ((*device)->revoked) {
      refuse(res, 401, "device_revoked", "this device was revoked");
      return std::nullopt;
    }
    auto account = store_.account((*device)->account);
    if (!account || !account->has_value()) {
      refuse(res, 403, "no_account", "the device's account no longer exists");
      return std::nullopt;
    }
    if (!unreplayed(*proof, res)) return std::nullopt;
    return Caller{std::move(**account), std::move(*proof)};
  }

  void published(const http::Request& req, http::Response& res) {
    const std::string name = req.path.substr(req.path.rfind('/') + 1);
    const auto value = store_.setting(name);
    if (!value || !value->has_value()) return refuse(res, 404, ErrorCode::unavailable, "not published");
    send_signed(req, res, **value,
                name.size() > 4 && name.substr(name.size() - 4) == ".jws" ? "application/jose" : kJsonType);
  }

  // Signed data with an ETag; a matching If-None-Match is 304. Compressed when the client accepts
  // Brotli or gzip (its own ETag: each encoding is its own representation).
  void send_signed(const http::Request& req, http::Response& res, const std::string& body, const char* type) {
    send_tagged(req, res, body, type, jose_tag(body));
  }
  // The same for a body whose tag is given: `tag` names the signed object and the form it is sent in.
  // `negotiated`: the form followed the request's Accept header, so caches must keep forms apart.
  void send_tagged(const http::Request& req, http::Response& res, const std::string& body, const char* type,
                   const std::string& tag, bool negotiated = false) {
    const std::string_view coding = coding_for(req, body);
    const std::string etag = entity_tag(tag, coding);
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", "no-cache");
    if (negotiated)
      res.set_header("Vary", "Accept, Accept-Encoding");
    else if (body.size() > kCompressFrom)
      res.set_header("Vary", "Accept-Encoding");
    if (req.header("if-none-match") == etag) {
      res.status = 304;
      return;
    }
    const auto compressed = coding.empty() ? nullptr : compressed_.encoded(tag, body, coding);
    res.set_header("Content-Type", type);
    if (!compressed || compressed->empty()) {
      res.body = body;
      return;
    }
    res.set_header("Content-Encoding", std::string(coding));
    res.body = *compressed;
  }
  static std::string jose_tag(const std::string& body) {
    // A signed object's last segment is its signature: unique per object, so a fine tag.
    const auto dot = body.rfind('.');
    return dot == std::string::npos ? std::to_string(std::hash<std::string>{}(body)) : body.substr(dot + 1, 43);
  }

  // Enrolment is where codes can be guessed: failed tries are limited per address and per code (a
  // locked code stays locked for the window, whoever tries it), and codes are looked up by hash, so
  // no comparison depends on how much of a guess was right. Only tries with a valid, fresh proof count:
  // a request without one costs the hub no row and a neighbour behind the same proxy no lockout.
  void enroll(const http::Request& req, http::Response& res) {
    const auto now = clock_();
    auto proof = proof_of(req, res);
    if (!proof) return;
    const std::string by_address = "enroll:" + req.remote_addr;
    const auto body = json::parse_strict(req.body);
    const auto* code = body && body->is_object() ? json::find_string(*body, "code") : nullptr;
    const std::string by_code = "code:" + (code ? invite_hash(code->get_ref<const std::string&>()) : std::string());
    for (const auto& [key, limit] :
         {std::pair<std::string, int>{by_address, kEnrollPerAddress}, {by_code, kEnrollPerCode}}) {
      const auto failed = store_.attempts(key, now - kEnrollWindow);
      if (!failed) return refuse(res, 503, failed.code(), failed.error().detail);
      if (*failed >= limit) return refuse(res, 429, "too_many_attempts", "too many attempts; try again later");
    }
    // Counts a failed try; a limit that cannot be recorded fails closed.
    const auto count_failure = [&]() {
      const bool recorded =
          store_.add_attempt(by_address, now).ok() && (!code || store_.add_attempt(by_code, now).ok());
      if (!recorded) refuse(res, 503, ErrorCode::unavailable, "the attempt could not be recorded");
      return recorded;
    };
    if (!code) {
      if (count_failure()) refuse(res, 400, ErrorCode::malformed, "expected {\"code\": \"...\"}");
      return;
    }
    // A device that is enrolled already (or was revoked) spends no code.
    const auto known = store_.device(proof->key.kid);
    if (!known) return refuse(res, 503, known.code(), known.error().detail);
    if (known->has_value() && (*known)->revoked) return refuse(res, 401, "device_revoked", "this device was revoked");
    if (known->has_value()) return refuse(res, 409, "already_enrolled", "this device is already enrolled");
    const auto account = store_.enroll_device(invite_hash(code->get_ref<const std::string&>()),
                                              {proof->key.kid, proof->jwk, "", now, false}, now);
    if (!account && account.code() == ErrorCode::bad_key)
      return refuse(res, 409, "already_enrolled", "this device is already enrolled");
    if (!account) return refuse(res, 503, account.code(), account.error().detail);
    if (!account->has_value()) {
      if (count_failure()) refuse(res, 403, "invalid_code", "this code is unknown, used or expired");
      return;
    }
    const auto who = store_.account(**account);
    if (!who || !who->has_value()) return refuse(res, 403, "no_account", "the invite's account no longer exists");
    auto answered = me_json(**who, proof->key.kid);
    const auto* asked = json::find_string(*body, "student");  // optional: the student the page shows
    if (auto first = first_bundle(**who, asked ? asked->get_ref<const std::string&>() : std::string()))
      answered["bundle"] = std::move(*first);
    // Once per device, and it carries a bundle: worth Brotli (11 KB where gzip's fastest level sends
    // 17 KB, on a phone's slow link).
    answer(res, 201, std::move(answered));
    compress_answer(req, res, Effort::normal);
  }

  // The bundle a newly enrolled device shows first (the student it asks for, if it may see that one,
  // else the account's first), sent with the enrolment to save the phone a round trip. The device is
  // enrolled either way: without a bundle (a store failure, no record yet) it asks for it as usual.
  std::optional<json::Json> first_bundle(const Account& account, const std::string& asked) {
    const std::string& student = may_see(account, asked) || account.students.empty() ? asked : account.students[0];
    if (!may_see(account, student)) return std::nullopt;
    const auto issued = student_bundle(store_, {config_.iss, &keys_}, student, clock_());
    if (!issued || !issued->has_value()) return std::nullopt;
    auto sent = unencoded_form((*issued)->compact);
    if (sent) (*sent)["student"] = student;
    return sent;
  }

  json::Json me_json(const Account& account, const std::string& kid) {
    json::Json students = json::Json::array();
    std::string person = account.name;  // a family member's name is in their children's records
    for (const auto& id : account.students) {
      const auto record = store_.record(id);
      std::string name = id;
      if (record && record->has_value()) {
        const auto parsed = json::parse_strict(**record);
        if (parsed) name = (*parsed)["student"].value("displayName", id);
        if (parsed && account.role == Role::family) person = contact_name(*parsed, account.id).value_or(person);
      }
      students.push_back({{"id", id}, {"displayName", name}});
    }
    return {{"account", account.id},
            {"name", person},
            {"role", std::string(to_string(account.role))},
            {"device", kid},
            {"students", students}};
  }

  void me(const http::Request& req, http::Response& res) {
    const auto who = caller(req, res);
    if (who) answer(res, 200, me_json(who->account, who->proof.key.kid));
  }

  void bundle(const http::Request& req, http::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    const std::string student = req.params[0];
    if (!may_see(who->account, student)) return refuse(res, 403, "forbidden", "not one of this account's students");
    const auto issued = student_bundle(store_, {config_.iss, &keys_}, student, clock_());
    if (!issued) return refuse(res, issue_status(issued.error()), issued.code(), issued.error().detail);
    if (!issued->has_value()) return refuse(res, 404, "not_found", "this student has no record");
    send_signed_form(req, res, (*issued)->compact);
  }

  // A signed object for one person (a student's record, a dashboard): as a compact JWS, or to a client
  // that asks for JSON (the widget) in the unencoded form (11 KB instead of 17 with Brotli), each
  // under its own ETag; never in a shared cache.
  void send_signed_form(const http::Request& req, http::Response& res, const std::string& compact) {
    const std::string tag = jose_tag(compact);
    const auto sent = asks_for_json(req) ? unencoded_form(compact) : std::nullopt;
    if (sent) {
      send_tagged(req, res, json::to_text(*sent), kJsonType, tag + "-json", true);
    } else {
      send_tagged(req, res, compact, "application/jose", tag, true);
    }
    res.set_header("Cache-Control", "private, no-cache");
  }
  // A part of the student's contact archive, for those who may see the student: signed like the
  // record, and like it never in a shared cache.
  void archive(const http::Request& req, http::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    const std::string student = req.params[0];
    if (!may_see(who->account, student)) return refuse(res, 403, "forbidden", "not one of this account's students");
    const std::string& number = req.params[1];
    const bool digits =
        number.size() <= 5 && number.find_first_not_of("0123456789") == std::string::npos && number.front() != '0';
    if (!digits) return refuse(res, 400, "malformed", "the part is a whole number from 1");
    const auto issued = archive_bundle(store_, {config_.iss, &keys_}, student, std::stoul(number), clock_());
    if (!issued) return refuse(res, issue_status(issued.error()), issued.code(), issued.error().detail);
    if (!issued->has_value()) return refuse(res, 404, "not_found", "this student's archive has no such part");
    send_signed(req, res, (*issued)->compact, "application/jose");
    res.set_header("Cache-Control", "private, no-cache");
  }

  static bool asks_for_json(const http::Request& req) {
    return req.header("accept").find("application/json") != std::string::npos;
  }

  void roster(const http::Request& req, http::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    if (!may_read_roster(who->account)) return refuse(res, 403, "forbidden", "families have no roster");
    const auto issued = roster_bundle(store_, {config_.iss, &keys_}, who->account, clock_());
    if (!issued) return refuse(res, issue_status(issued.error()), issued.code(), issued.error().detail);
    send_signed(req, res, issued->compact, "application/jose");
    res.set_header("Cache-Control", "private, no-cache");
  }

  // The policy goes where a file can run as a document or a worker: pages, SVG, anything under a stable
  // name (the service worker among them). A content-named script, style or core is only ever loaded by
  // a page, whose policy governs it; there the header would be 150 bytes more per file on a first visit.
  static bool may_be_a_document(const StaticFile& file) {
    const auto is = [&](const char* type) { return file.type.rfind(type, 0) == 0; };
    return !file.immutable || is("text/html") || is("image/svg+xml");
  }

  // The widget and its pages: compressed when the browser accepts it, hashed names cached for a year,
  // everything else revalidated by ETag; pages under the strict CSP a school's site may use.
  void site_file(const http::Request& req, http::Response& res) {
    const auto path = http::percent_decode(req.path);
    const StaticFile* file = path ? config_.site->find(*path) : nullptr;
    if (!file) return refuse(res, 404, "not_found", "no such file");
    // The preferred precompressed copy the browser accepts, else the file as it is.
    const std::string accepted = req.header("accept-encoding");
    const char* coding = "";
    const std::string* bytes = &file->body;
    for (const auto& preferred : kCodings) {
      const auto copy = file->encoded.find(preferred.first);
      if (copy == file->encoded.end() || !accepts_encoding(accepted, preferred.first)) continue;
      coding = preferred.first;
      bytes = &copy->second;
      break;
    }
    const std::string etag = entity_tag(file->tag, coding);
    if (may_be_a_document(*file)) res.set_header("Content-Security-Policy", kStrictCsp);
    // One whole copy of a file, whatever Range asks: a request for thousands of ranges once made a
    // server send thousands of copies.
    res.set_header("Accept-Ranges", "none");
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", file->immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (!file->encoded.empty()) res.set_header("Vary", "Accept-Encoding");
    if (req.header("if-none-match") == etag) {
      res.status = 304;
      return;
    }
    res.set_header("Content-Type", file->type);
    if (*coding) res.set_header("Content-Encoding", coding);
    res.shared_body = bytes;  // loaded at start, kept for the server's life
  }

  // A staff member's dashboard inputs: the signed bundles of their students in the scope. Families
  // have no dashboard; the figures are computed where the bundles are verified.
  // A staff member's dashboard, signed: today's, as last computed (refreshed in the background when a
  // bundle in it changed), or computed now when there is none for today.
  void dashboard(const http::Request& req, http::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    if (!may_read_roster(who->account)) return refuse(res, 403, "forbidden", "dashboards are for staff");
    const auto scope = parse_scope(req.query_value("scope"));
    if (!scope) return refuse(res, 400, scope.code(), scope.error().detail);
    const auto now = clock_();
    const auto stored = stored_dashboard(store_, who->account, *scope, now);
    if (!stored) return refuse(res, 503, stored.code(), stored.error().detail);
    refresher_.watch(who->account, *scope);
    std::string compact;
    if (stored->has_value()) {
      compact = (*stored)->signed_dashboard.compact;
      if (!(*stored)->current) refresher_.wake();
    } else {
      const auto issued = issue_dashboard(store_, {config_.iss, &keys_}, who->account, *scope, now);
      if (!issued) return refuse(res, issue_status(issued.error()), issued.code(), issued.error().detail);
      compact = issued->compact;
    }
    send_signed_form(req, res, compact);
  }

  void contact_log(const http::Request& req, http::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    const auto body = json::parse_strict(req.body);
    if (!body) return refuse(res, body.code() == ErrorCode::too_large ? 413 : 400, body.code(), body.error().detail);
    const auto result = receive_contacts(store_, who->account, who->proof, *body, clock_());
    if (result.status == 200) refresher_.wake();  // the dashboards showing these students
    answer(res, result.status, result.body);
    if (result.retry_after > 0) res.set_header("Retry-After", std::to_string(result.retry_after));
  }

  // A family (or staff) hands over a student's records from another district (docs/transfers.md).
  void transfer(const http::Request& req, http::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    const auto body = json::parse_strict(req.body);
    if (!body) return refuse(res, body.code() == ErrorCode::too_large ? 413 : 400, body.code(), body.error().detail);
    const auto result = receive_transfer(store_, config_.directory, who->account, *body, clock_());
    answer(res, result.status, result.body);
  }

  // A student's history from other districts, for the accounts that hold the student now.
  void history(const http::Request& req, http::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    const std::string student = req.query_value("student");
    if (!text::is_valid_id(student)) return refuse(res, 400, ErrorCode::malformed, "give ?student=ID");
    if (!may_see(who->account, student))
      return refuse(res, 403, "forbidden", "this account does not hold this student");
    const auto result = transfer_history(store_, config_.directory, student);
    answer(res, result.status, result.body);
  }

  Store& store_;
  const Keys& keys_;
  const ServerConfig& config_;
  std::function<date::sys_seconds()> clock_;
  std::string public_base_;  // no trailing slash
  CompressedCache compressed_{kCompressedCacheBytes};
  DashboardRefresher refresher_;
};

}  // namespace

int serve(Store& store, const Keys& keys, const ServerConfig& config, const std::function<void(int)>& ready,
          const std::function<date::sys_seconds()>& clock) {
  Routes routes(store, keys, config, clock);
  http::Options options;
  options.host = config.host;
  options.port = config.port;
  options.trusted_proxies = config.trusted_proxies;
  auto server =
      http::Server::listen(options, [&routes](http::Request& req, http::Response& res) { routes.handle(req, res); });
  if (!server) {
    std::fprintf(stderr, "fep-hub: %s\n", server.error().detail.c_str());
    return 1;
  }
  const int port = (*server)->port();
  routes.set_public_url(config.public_url.empty() ? "http://" + config.host + ":" + std::to_string(port)
                                                  : config.public_url);
  ready(port);
  (*server)->run();
  return 0;
}

}  // namespace fep::hub
