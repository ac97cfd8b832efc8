#include "hub/server.h"

#include <httplib.h>

#include <algorithm>

#include "core/error.h"
#include "core/json/json.h"
#include "hub/auth.h"
#include "hub/bundles.h"
#include "hub/compress.h"
#include "hub/compressed_cache.h"
#include "hub/contacts.h"
#include "hub/dashboards.h"
#include "hub/transfers.h"

namespace fep::hub {
namespace {

constexpr std::size_t kMaxBody = 1024 * 1024;
constexpr int kEnrollPerAddress = 20;  // attempts per address in kEnrollWindow
constexpr int kEnrollPerCode = 5;      // wrong tries of one code before it locks
constexpr std::chrono::minutes kEnrollWindow{15};
// The policy the demo pages are tested under (scripts/serve.mjs): nothing inline, nothing from elsewhere.
constexpr const char* kStrictCsp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; frame-ancestors 'self'; "
    "base-uri 'self'; object-src 'none'";

constexpr const char* kJsonType = "application/json; charset=utf-8";

// 503 is the store being away (a restart, a full disk, a dropped connection): the client retries.
void answer(httplib::Response& res, int status, const json::Json& body) {
  res.status = status;
  if (status == 503) res.set_header("Retry-After", "1");
  // With a charset, cpp-httplib leaves the body alone (it compresses "application/json" itself, with
  // Brotli's slowest setting for browsers, before any handler of ours runs after routing).
  res.set_content(body.dump(), kJsonType);
}

void refuse(httplib::Response& res, int status, ErrorCode code, const std::string& message = {}) {
  answer(res, status,
         {{"code", std::string(to_string(code))},
          {"message", message.empty() ? std::string(default_message(code)) : message}});
}

// How `body` goes out: "br" or "gzip" when the client accepts it and the body is big enough to gain,
// else "" (as it is). Brotli where the effort allows it; at `fast`, gzip's fastest level is quicker
// still.
constexpr std::size_t kCompressFrom = 1024;
std::string_view coding_for(const httplib::Request& req, const std::string& body, Effort effort = Effort::normal) {
  if (body.size() <= kCompressFrom) return {};
  const std::string accepted = req.get_header_value("Accept-Encoding");
  if (effort == Effort::normal && accepts_encoding(accepted, "br")) return "br";
  return accepts_encoding(accepted, "gzip") ? "gzip" : "";
}

// Compresses an answer's body in place when worth it; true if it did.
bool compress_answer(const httplib::Request& req, httplib::Response& res, Effort effort) {
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

void refuse(httplib::Response& res, int status, const std::string& code, const std::string& message) {
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
      : store_(store), keys_(keys), config_(config), clock_(std::move(clock)) {}

  void install(httplib::Server& server) {
    for (const char* name : {"jwks.json", "fep/roots.json", "fep/keyset.jws", "fep/revocations.jws"}) {
      const std::string path = std::string("/.well-known/") + name;
      const std::string setting = std::string(name).substr(std::string(name).rfind('/') + 1);
      server.Get(
          path, [this, setting](const httplib::Request& req, httplib::Response& res) { published(req, res, setting); });
    }
    server.Post("/api/enroll", [this](const httplib::Request& req, httplib::Response& res) { enroll(req, res); });
    server.Get("/api/me", [this](const httplib::Request& req, httplib::Response& res) { me(req, res); });
    server.Get(R"(/api/students/([^/]+)/bundle)",
               [this](const httplib::Request& req, httplib::Response& res) { bundle(req, res); });
    server.Get("/api/roster", [this](const httplib::Request& req, httplib::Response& res) { roster(req, res); });
    server.Get("/api/dashboard", [this](const httplib::Request& req, httplib::Response& res) { dashboard(req, res); });
    server.Post("/api/contact-log",
                [this](const httplib::Request& req, httplib::Response& res) { contact_log(req, res); });
    server.Post("/api/transfers", [this](const httplib::Request& req, httplib::Response& res) { transfer(req, res); });
    server.Get("/api/transfers", [this](const httplib::Request& req, httplib::Response& res) { history(req, res); });
    if (config_.site) {
      server.Get(".*", [this](const httplib::Request& req, httplib::Response& res) { site_file(req, res); });
    }
  }

 private:
  std::string url_of(const httplib::Request& req) const {
    std::string base = config_.public_url.empty() ? "http://" + req.get_header_value("Host") : config_.public_url;
    if (!base.empty() && base.back() == '/') base.pop_back();
    return base + req.path;
  }

  // A valid, fresh, unreplayed proof: the device's key and the proof, or a refusal already answered.
  std::optional<Proof> proof_of(const httplib::Request& req, httplib::Response& res) {
    const auto now = clock_();
    auto proof = verify_proof(req.get_header_value("DPoP"), req.method, url_of(req), now);
    if (!proof) {
      refuse(res, 401, proof.code(), proof.error().detail);
      return std::nullopt;
    }
    const auto fresh = store_.remember_proof(proof->jti, proof->iat + 2 * kProofSkew);
    if (!fresh) {
      refuse(res, 503, fresh.code(), fresh.error().detail);
      return std::nullopt;
    }
    if (!*fresh) {
      refuse(res, 401, "replayed_proof", "this DPoP proof was used before");
      return std::nullopt;
    }
    return std::move(proof).value();
  }

  // The signed-in caller: a proof by an enrolled, unrevoked device of an existing account.
  std::optional<Caller> caller(const httplib::Request& req, httplib::Response& res) {
    auto proof = proof_of(req, res);
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
    return Caller{std::move(**account), std::move(*proof)};
  }

  void published(const httplib::Request& req, httplib::Response& res, const std::string& name) {
    const auto value = store_.setting(name);
    if (!value || !value->has_value()) return refuse(res, 404, ErrorCode::unavailable, "not published");
    send_signed(req, res, **value,
                name.size() > 4 && name.substr(name.size() - 4) == ".jws" ? "application/jose" : kJsonType);
  }

  // Signed data with an ETag; a matching If-None-Match is 304. Compressed when the client accepts
  // Brotli or gzip (its own ETag: each encoding is its own representation).
  void send_signed(const httplib::Request& req, httplib::Response& res, const std::string& body, const char* type) {
    send_tagged(req, res, body, type, jose_tag(body));
  }
  // The same for a body whose tag is given: `tag` names the signed object and the form it is sent in.
  // `negotiated`: the form followed the request's Accept header, so caches must keep forms apart.
  void send_tagged(const httplib::Request& req, httplib::Response& res, const std::string& body, const char* type,
                   const std::string& tag, bool negotiated = false) {
    const std::string_view coding = coding_for(req, body);
    const std::string etag = entity_tag(tag, coding);
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", "no-cache");
    if (negotiated)
      res.set_header("Vary", "Accept, Accept-Encoding");
    else if (body.size() > kCompressFrom)
      res.set_header("Vary", "Accept-Encoding");
    if (req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      return;
    }
    const auto compressed = coding.empty() ? nullptr : compressed_.encoded(tag, body, coding);
    if (!compressed || compressed->empty()) return res.set_content(body, type);
    // application/jose is not a type httplib compresses, so the body goes out as given.
    res.set_header("Content-Encoding", std::string(coding));
    res.set_content(*compressed, type);
  }
  static std::string jose_tag(const std::string& body) {
    // A signed object's last segment is its signature: unique per object, so a fine tag.
    const auto dot = body.rfind('.');
    return dot == std::string::npos ? std::to_string(std::hash<std::string>{}(body)) : body.substr(dot + 1, 43);
  }

  // Enrolment is where codes can be guessed: failed tries are limited per address and per code (a
  // locked code stays locked for the window, whoever tries it), and codes are looked up by hash, so
  // no comparison depends on how much of a guess was right.
  void enroll(const httplib::Request& req, httplib::Response& res) {
    const auto now = clock_();
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
    auto proof = proof_of(req, res);
    if (!proof) {
      count_failure();
      return;
    }
    if (!code) {
      if (count_failure()) refuse(res, 400, ErrorCode::malformed, "expected {\"code\": \"...\"}");
      return;
    }
    const auto account = store_.redeem_invite(invite_hash(code->get_ref<const std::string&>()), now);
    if (!account) return refuse(res, 503, account.code(), account.error().detail);
    if (!account->has_value()) {
      if (count_failure()) refuse(res, 403, "invalid_code", "this code is unknown, used or expired");
      return;
    }
    if (auto added = store_.add_device({proof->key.kid, proof->jwk, **account, now, false}); !added) {
      return refuse(res, 409, "already_enrolled", added.error().detail);
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
    for (const auto& id : account.students) {
      const auto record = store_.record(id);
      std::string name = id;
      if (record && record->has_value()) {
        const auto parsed = json::parse_strict(**record);
        if (parsed) name = (*parsed)["student"].value("displayName", id);
      }
      students.push_back({{"id", id}, {"displayName", name}});
    }
    return {{"account", account.id},
            {"name", account.name},
            {"role", account.role},
            {"device", kid},
            {"students", students}};
  }

  void me(const httplib::Request& req, httplib::Response& res) {
    const auto who = caller(req, res);
    if (who) answer(res, 200, me_json(who->account, who->proof.key.kid));
  }

  void bundle(const httplib::Request& req, httplib::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    const std::string student = req.matches[1];
    if (!may_see(who->account, student)) return refuse(res, 403, "forbidden", "not one of this account's students");
    const auto issued = student_bundle(store_, {config_.iss, &keys_}, student, clock_());
    if (!issued) return refuse(res, issue_status(issued.error()), issued.code(), issued.error().detail);
    if (!issued->has_value()) return refuse(res, 404, "not_found", "this student has no record");
    const std::string& compact = (*issued)->compact;
    const std::string tag = jose_tag(compact);
    // A client that asks for JSON (the widget) gets the unencoded form: 11 KB instead of 17 with Brotli.
    const auto sent = asks_for_json(req) ? unencoded_form(compact) : std::nullopt;
    if (sent) return send_tagged(req, res, sent->dump(), kJsonType, tag + "-json", true);
    send_tagged(req, res, compact, "application/jose", tag, true);
  }
  static bool asks_for_json(const httplib::Request& req) {
    return req.get_header_value("Accept").find("application/json") != std::string::npos;
  }

  void roster(const httplib::Request& req, httplib::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    if (!may_read_roster(who->account)) return refuse(res, 403, "forbidden", "families have no roster");
    const auto issued = roster_bundle(store_, {config_.iss, &keys_}, who->account, clock_());
    if (!issued) return refuse(res, issue_status(issued.error()), issued.code(), issued.error().detail);
    send_signed(req, res, issued->compact, "application/jose");
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
  void site_file(const httplib::Request& req, httplib::Response& res) {
    const StaticFile* file = config_.site->find(req.path);
    if (!file) return refuse(res, 404, "not_found", "no such file");
    // The preferred precompressed copy the browser accepts, else the file as it is.
    const std::string accepted = req.get_header_value("Accept-Encoding");
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
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", file->immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (!file->encoded.empty()) res.set_header("Vary", "Accept-Encoding");
    if (req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      return;
    }
    if (!*coding) return res.set_content(file->body, file->type);
    // Already compressed: a content provider, which httplib sends as it is (it would compress a body again).
    res.set_header("Content-Encoding", coding);
    res.set_content_provider(bytes->size(), file->type,
                             [bytes](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                               return sink.write(bytes->data() + offset, length);
                             });
  }

  // A staff member's dashboard inputs: the signed bundles of their students in the scope. Families
  // have no dashboard; the figures are computed where the bundles are verified.
  void dashboard(const httplib::Request& req, httplib::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    if (!may_read_roster(who->account)) return refuse(res, 403, "forbidden", "dashboards are for staff");
    const auto scope = parse_scope(req.get_param_value("scope"));
    if (!scope) return refuse(res, 400, scope.code(), scope.error().detail);
    const auto students = dashboard_students(store_, who->account, *scope);
    if (!students) return refuse(res, 503, students.code(), students.error().detail);
    json::Json bundles = json::Json::array();
    for (const auto& id : *students) {
      const auto issued = student_bundle(store_, {config_.iss, &keys_}, id, clock_());
      // A dashboard missing a student would count wrong: no answer rather than a partial one.
      if (!issued) return refuse(res, issue_status(issued.error()), issued.code(), issued.error().detail);
      if (issued->has_value()) bundles.push_back((*issued)->compact);  // no record: nothing to count
    }
    res.set_header("Cache-Control", "no-store");
    answer(res, 200, {{"scope", req.get_param_value("scope")}, {"bundles", bundles}});
  }

  void contact_log(const httplib::Request& req, httplib::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    const auto body = json::parse_strict(req.body);
    if (!body) return refuse(res, body.code() == ErrorCode::too_large ? 413 : 400, body.code(), body.error().detail);
    const auto result = receive_contacts(store_, who->account, who->proof, *body);
    answer(res, result.status, result.body);
  }

  // A family (or staff) hands over a student's records from another district (docs/transfers.md).
  void transfer(const httplib::Request& req, httplib::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    const auto body = json::parse_strict(req.body);
    if (!body) return refuse(res, body.code() == ErrorCode::too_large ? 413 : 400, body.code(), body.error().detail);
    const auto result = receive_transfer(store_, config_.directory, who->account, *body, clock_());
    answer(res, result.status, result.body);
  }

  // A student's history from other districts, for the accounts that hold the student now.
  void history(const httplib::Request& req, httplib::Response& res) {
    const auto who = caller(req, res);
    if (!who) return;
    const std::string student = req.get_param_value("student");
    if (student.empty()) return refuse(res, 400, "malformed", "give ?student=ID");
    if (!may_see(who->account, student)) return refuse(res, 403, "forbidden", "this account does not hold " + student);
    const auto result = transfer_history(store_, config_.directory, student);
    answer(res, result.status, result.body);
  }

  Store& store_;
  const Keys& keys_;
  const ServerConfig& config_;
  std::function<date::sys_seconds()> clock_;
  CompressedCache compressed_{kCompressedCacheBytes};
};

}  // namespace

int serve(Store& store, const Keys& keys, const ServerConfig& config, const std::function<void(int)>& ready,
          const std::function<date::sys_seconds()>& clock) {
  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(kServingThreads); };
  server.set_keep_alive_timeout(kKeepAliveSeconds);
  server.set_keep_alive_max_count(kKeepAliveRequests);
  // An answer goes out as headers and then body: with Nagle's algorithm the body waited for the
  // client's delayed ACK, 40 ms on every request (bench:hub's p50 was 45 ms with half the CPU idle).
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(kMaxBody);
  Routes routes(store, keys, config, clock);
  routes.install(server);
  // CORS for the configured school sites only: the API's DPoP header needs a preflight, and the
  // ETag must be readable. Any other origin gets no CORS headers, so its pages cannot read answers.
  server.set_pre_routing_handler([&config, &clock](const httplib::Request& req, httplib::Response& res) {
    // The hub's clock on every answer (RFC 9110 Date): a device whose clock is off corrects its proofs by it.
    res.set_header("Date", date::format("%a, %d %b %Y %H:%M:%S GMT", clock()));
    const std::string origin = req.get_header_value("Origin");
    const bool allowed =
        std::find(config.cors_origins.begin(), config.cors_origins.end(), origin) != config.cors_origins.end();
    if (allowed) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Access-Control-Expose-Headers", "ETag, Date");
    }
    res.set_header("Vary", "Origin");
    if (req.method != "OPTIONS") return httplib::Server::HandlerResponse::Unhandled;
    if (allowed) {
      res.set_header("Access-Control-Allow-Methods", "GET, POST");
      res.set_header("Access-Control-Allow-Headers", "DPoP, Content-Type, If-None-Match");
      res.set_header("Access-Control-Max-Age", "600");
    }
    res.status = allowed ? 204 : 403;
    return httplib::Server::HandlerResponse::Handled;
  });
  // JSON answers (answer() types them with a charset, which cpp-httplib does not compress) are
  // compressed here, with gzip at its fastest level unless their route chose better: a dashboard is
  // compressed on every request, and Brotli's slowest setting, cpp-httplib's choice, took 0.4 s for a
  // 190 KB answer.
  server.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.get_header_value("Content-Type") != kJsonType || res.has_header("Content-Encoding")) return;
    if (!compress_answer(req, res, Effort::fast)) return;
    // cpp-httplib has already measured the body by now.
    res.headers.erase("Content-Length");
    res.set_header("Content-Length", std::to_string(res.body.size()));
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const int status = res.status;
    refuse(res, status,
           status == 413   ? "too_large"
           : status == 404 ? "not_found"
                           : "bad_request",
           "the request was refused");
    res.status = status;
  });
  const int port = config.port == 0 ? server.bind_to_any_port(config.host)
                                    : (server.bind_to_port(config.host, config.port) ? config.port : -1);
  if (port < 0) return 1;
  ready(port);
  return server.listen_after_bind() ? 0 : 1;
}

}  // namespace fep::hub
