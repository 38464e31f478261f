#include "1d/refine1d.h"

#include <algorithm>
#include <numeric>

#include "engine/ranking.h"

namespace lreg::detail {

RefinedMesh1D refineHardest(const Mesh1D& mesh, const Vector& hardness, int k, double minWidth) {
  std::vector<char> split(mesh.intervals(), 0);
  int chosen = 0;
  for (int j : rankedByScore(hardness)) {
    if (chosen == k || !(hardness(j) > 0)) break;
    if (mesh.width(j) < 2 * minWidth) continue;  // halves would be too narrow
    split[j] = 1;
    ++chosen;
  }
  std::vector<double> nodes;
  RefinedMesh1D r;
  for (int j = 0; j < mesh.intervals(); ++j) {
    nodes.push_back(mesh.node(j));
    r.original.push_back(1);
    if (split[j]) {
      r.inserted.push_back(int(nodes.size()));
      nodes.push_back(0.5 * (mesh.node(j) + mesh.node(j + 1)));
      r.original.push_back(0);
    }
  }
  nodes.push_back(mesh.node(mesh.size() - 1));
  r.original.push_back(1);
  r.fine = Mesh1D(std::move(nodes));
  r.hardness = splitAmounts(r.original, hardness);
  return r;
}

Vector splitAmounts(const std::vector<char>& original, const Vector& coarse) {
  Vector fine(long(original.size()) - 1);
  for (long q = 0, j = 0; q < fine.size(); ++j) {
    const bool split = !original[q + 1];
    fine(q++) = split ? coarse(j) / 2 : coarse(j);
    if (split) fine(q++) = coarse(j) / 2;
  }
  return fine;
}

}  // namespace lreg::detail
