#include "core/contact/templates.h"

#include <algorithm>
#include <string>

#include "core/record/timestamp.h"

namespace fep::contact {
namespace {

std::size_t code_points(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The one member a template takes (empty for please_call).
std::string_view parameter_of(Template id) {
  switch (id) {
    case Template::absent_today:
    case Template::conference_invite:
      return "date";
    case Template::positive_progress:
      return "subject";
    case Template::missing_work:
      return "count";
    case Template::please_call:
      break;
  }
  return {};
}

bool read_parameter(json::Reader& r, json::Value params, const json::Pointer& at, Template id) {
  switch (id) {
    case Template::absent_today:
    case Template::conference_invite: {
      std::string date;
      if (!r.text(params, at, "date", date)) return false;
      return record::timestamp::parse_date(date).ok() || r.fail(at / "date", "must be a YYYY-MM-DD date");
    }
    case Template::positive_progress: {
      std::string subject;
      if (!r.text(params, at, "subject", subject)) return false;
      return code_points(subject) <= kMaxSubjectLength || r.fail(at / "subject", "is longer than 200 characters");
    }
    case Template::missing_work: {
      int count = -1;
      return r.integer(params, at, "count", count, 0, kMaxMissingCount, json::Need::required);
    }
    case Template::please_call:
      break;
  }
  return true;
}

}  // namespace

bool read_template_params(json::Reader& r, json::Value record, const json::Pointer& at) {
  std::string name;
  if (!r.text(record, at, "templateId", name, json::Need::optional)) return false;
  const json::Value params = r.member(record, at, "params", json::Need::optional);
  if (params.exists() && !params.is_object()) return r.fail(at / "params", "must be an object");
  if (name.empty()) {
    return !params.exists() || params.size() == 0 || r.fail(at / "params", "needs a templateId");
  }
  const auto id = kTemplates.find(name);
  if (!id) return r.fail(at / "templateId", "\"" + name + "\" is not an allowed value");
  const json::Pointer params_at = at / "params";
  const std::string_view parameter = parameter_of(*id);
  if (params.exists()) {
    for (const auto member : params.members()) {
      if (member.name != parameter) {
        return r.fail(params_at / member.name, "is not a parameter of " + name);
      }
    }
  }
  if (parameter.empty()) return true;
  if (!params.exists()) return r.fail(params_at / parameter, "is required");
  return read_parameter(r, params, params_at, *id);
}

}  // namespace fep::contact
