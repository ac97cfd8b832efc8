#include "core/view/suppression.h"

#include <algorithm>

namespace fep::view {
namespace {

// Whether a reader who knows the hidden groups' sum (the total minus the shown groups) and each hidden
// group's bounds can tell some hidden group's exact count.
bool any_pinned(const std::vector<std::size_t>& counts, const std::vector<Suppression>& kinds, std::size_t min_cell) {
  std::size_t sum = 0, lows = 0, highs = 0;
  std::vector<std::size_t> hidden;
  const auto low_of = [&](std::size_t i) { return kinds[i] == Suppression::small ? std::size_t{1} : min_cell; };
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (kinds[i] == Suppression::shown) continue;
    hidden.push_back(i);
    sum += counts[i];
  }
  // A complementary group's upper bound is the whole sum: nothing else caps it.
  const auto high_of = [&](std::size_t i) { return kinds[i] == Suppression::small ? min_cell - 1 : sum; };
  for (const std::size_t i : hidden) {
    lows += low_of(i);
    highs += high_of(i);
  }
  for (const std::size_t i : hidden) {
    const std::size_t others_high = highs - high_of(i), others_low = lows - low_of(i);
    const std::size_t least = std::max(low_of(i), sum > others_high ? sum - others_high : std::size_t{0});
    const std::size_t most = std::min(high_of(i), sum - others_low);
    if (least >= most) return true;
  }
  return false;
}

}  // namespace

std::vector<Suppression> suppress(const std::vector<std::size_t>& counts, std::size_t min_cell) {
  std::vector<Suppression> kinds(counts.size(), Suppression::shown);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] < min_cell) kinds[i] = Suppression::small;
  }
  for (;;) {
    const bool any_hidden =
        std::any_of(kinds.begin(), kinds.end(), [](Suppression k) { return k != Suppression::shown; });
    if (!any_hidden || !any_pinned(counts, kinds, min_cell)) return kinds;
    std::size_t smallest = counts.size();
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (kinds[i] == Suppression::shown && (smallest == counts.size() || counts[i] < counts[smallest])) smallest = i;
    }
    if (smallest == counts.size()) return kinds;  // every group hidden: the breakdown shows none
    kinds[smallest] = Suppression::complementary;
  }
}

Coding coding_of(double share) {
  if (share >= kTopCode) return Coding::at_least;
  if (share <= kBottomCode) return Coding::at_most;
  return Coding::exact;
}

}  // namespace fep::view
