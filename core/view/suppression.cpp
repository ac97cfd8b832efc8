#include "core/view/suppression.h"

#include <algorithm>

namespace fep::view {

std::vector<bool> suppressed_cells(const std::vector<std::size_t>& counts, std::size_t min_cell) {
  std::vector<bool> hidden(counts.size(), false);
  std::size_t count_hidden = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] < min_cell) {
      hidden[i] = true;
      ++count_hidden;
    }
  }
  if (count_hidden != 1) return hidden;
  // One hidden cell is recoverable from the total: hide the smallest shown cell as well.
  std::size_t smallest = counts.size();
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (!hidden[i] && (smallest == counts.size() || counts[i] < counts[smallest])) smallest = i;
  }
  if (smallest != counts.size()) hidden[smallest] = true;
  return hidden;
}

}  // namespace fep::view
