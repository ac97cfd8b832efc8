// The view model: a verified bundle, today and the last-viewed time -> a locale-neutral view the widget
// renders (ISO dates, numbers, enum codes, i18n keys with parameters; never an English sentence), and
// the shorter summary `fep summary` prints. Both are specified in docs/record-schema.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json/json.h"
#include "core/record/attendance.h"
#include "core/result.h"
#include "core/trust/bundle.h"

namespace fep::view {

struct Options {
  record::Day today;
  std::optional<date::sys_seconds> last_viewed;  // nullopt: never
  record::attendance::Rule rule = record::attendance::Rule::percent_10;
};

// The options as every front door receives them: `today` as YYYY-MM-DD (empty: the UTC date of
// `now`), `rule` as "percent_10" (also when empty) or "days_15". malformed for anything else.
Result<Options> options_from(date::sys_seconds now, std::string_view today, std::string_view rule,
                             std::optional<date::sys_seconds> last_viewed);

// The view model as JSON text: the fast path the browser module uses. bad_record if the bundle's
// record does not parse.
Result<std::string> render(const trust::Bundle& bundle, const Options& options);
// The same view as a DOM (for the command-line tool and tests).
Result<json::Json> build(const trust::Bundle& bundle, const Options& options);
// The short summary `fep summary` prints, as JSON text (the browser module's summarizeBundle) and as a DOM.
Result<std::string> render_summary(const trust::Bundle& bundle, const Options& options);
Result<json::Json> summarize(const trust::Bundle& bundle, const Options& options);

// A verified archive (fep-archive+jwt) as JSON text: {studentId, part, timeline}, its contact records
// newest first, each as in the view's engagement.timeline. wrong_typ for any other bundle.
Result<std::string> render_archive(const trust::Bundle& bundle);

}  // namespace fep::view
