// The view model: a verified bundle, today and the last-viewed time -> a locale-neutral view the widget
// renders (ISO dates, numbers, enum codes, i18n keys with parameters; never an English sentence), and
// the shorter summary `fep summary` prints. Both are specified in docs/record-schema.md.
#pragma once

#include <cstdint>

#include "attendance.h"
#include "bundle.h"
#include "json.h"
#include "result.h"

namespace fep::view {

struct Options {
  record::Day today;
  std::int64_t last_viewed = 0;  // seconds since the epoch; 0 = never
  attendance::Rule rule = attendance::Rule::percent_10;
};

// bad_record if the bundle's record does not parse.
Result<json::Json> build(const bundle::Bundle& bundle, const Options& options);
Result<json::Json> summarize(const bundle::Bundle& bundle, const Options& options);

}  // namespace fep::view
