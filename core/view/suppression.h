// Small-cell suppression for staff breakdowns (docs/dashboards.md, "Suppression"), after NCES's
// statistical methods for protecting personally identifiable information in aggregate reporting (SLDS
// Technical Brief 3): no group of a breakdown may expose a handful of students, directly or by what the
// total and the shown groups leave for the hidden ones.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace fep::view {

enum class Suppression {
  shown,
  small,          // fewer students than the minimum
  complementary,  // hidden so that a small group cannot be worked out (it holds at least the minimum)
};

// Which groups of one breakdown (each a count of students; their sum is the total shown beside them)
// are hidden:
//   1. primary: every group of fewer than `min_cell` students is `small`;
//   2. complementary: while any hidden group's count is pinned to one value by the total, the shown
//      groups and what a reader knows of hidden ones (a small group holds 1 to min_cell - 1 students, a
//      complementary one at least min_cell), the smallest shown group is hidden too. One hidden group is
//      always pinned (the total minus the others); so are two small groups summing to 2.
// Groups keep their order.
std::vector<Suppression> suppress(const std::vector<std::size_t>& counts, std::size_t min_cell);

// A share shown for a group, coded where it would tell every member's status (docs/dashboards.md):
// at or above kTopCode it is "at least kTopCode", at or below kBottomCode "at most kBottomCode".
inline constexpr double kTopCode = 0.95;
inline constexpr double kBottomCode = 0.05;
enum class Coding { exact, at_least, at_most };
Coding coding_of(double share);

}  // namespace fep::view
