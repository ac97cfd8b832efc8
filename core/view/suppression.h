// Small-cell suppression for staff breakdowns (docs/dashboards.md): no cell of a breakdown may expose
// a handful of students, directly or by subtraction from the total.
#pragma once

#include <cstddef>
#include <vector>

namespace fep::view {

// Which cells of one breakdown (each a count of students; their sum is the total shown beside them)
// are suppressed:
//   1. primary: every cell counting fewer than `min_cell` students;
//   2. complementary: while exactly one cell is suppressed, the smallest shown cell is suppressed too,
//      since one hidden cell is the total minus the others.
// A breakdown whose cells are all suppressed shows none. Cells keep their order.
std::vector<bool> suppressed_cells(const std::vector<std::size_t>& counts, std::size_t min_cell);

}  // namespace fep::view
