// Message templates: a contact record may carry a templateId and its params instead of (or besides)
// a note, and each reader sees the message in their own language from the catalogs. Params are
// checked here, per template, so a verified record always renders (docs/contact-log.md).
#pragma once

#include "core/json/reader.h"

namespace fep::contact {

enum class Template { absent_today, positive_progress, please_call, missing_work, conference_invite };

inline constexpr json::NameTable<Template, 5> kTemplates{
    {"absent_today", "positive_progress", "please_call", "missing_work", "conference_invite"}};

// The longest subject a positive_progress message names, in characters.
inline constexpr std::size_t kMaxSubjectLength = 200;
// The most missing assignments a missing_work message counts.
inline constexpr int kMaxMissingCount = 1000;

// Checks `params` (absent: no parameters) for `id`, reporting through `reader` at `at` (the record):
//   absent_today, conference_invite  {date: "YYYY-MM-DD"}
//   positive_progress                {subject: 1 to 200 characters}
//   please_call                      {}
//   missing_work                     {count: 0 to 1000}
// Any other member is refused; so are params without a templateId.
bool read_template_params(json::Reader& reader, json::Value record, const json::Pointer& at);

}  // namespace fep::contact
