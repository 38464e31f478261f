#include "simplicial/edge_flip.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include "simplicial/moments_nd.h"

namespace lreg::detail {
namespace {

using Tri = std::array<int, 3>;

double twiceArea(const RowMatrix& p, const Tri& t) {
  return (p(t[1], 0) - p(t[0], 0)) * (p(t[2], 1) - p(t[0], 1)) -
         (p(t[1], 1) - p(t[0], 1)) * (p(t[2], 0) - p(t[0], 0));
}

// Barycentric coordinates of x in triangle t.
std::array<double, 3> coordinates(const RowMatrix& p, const Tri& t, const double* x) {
  const double A = twiceArea(p, t);
  auto sub = [&](int a, int b) {  // twice the area of (x, t[a], t[b])
    return (p(t[a], 0) - x[0]) * (p(t[b], 1) - x[1]) - (p(t[a], 1) - x[1]) * (p(t[b], 0) - x[0]);
  };
  return {sub(1, 2) / A, sub(2, 0) / A, sub(0, 1) / A};
}

struct Candidate {
  double gain;
  int t1, t2;
  Tri n1, n2;
};

}  // namespace

int flipEdges(SimplexMesh& mesh, const RowMatrix& coefficients, LocatedSamples& located,
              const RowMatrix& U, const RowMatrix& Y, const std::vector<double>& noise,
              double minVolume, std::vector<std::array<int, 2>>* created) {
  if (mesh.dim != 2) throw Error("edge flips are for triangle meshes");
  const int nt = mesh.simplexCount(), C = int(coefficients.cols());
  const RowMatrix& p = mesh.nodes;
  auto tri = [&](int t) {
    return Tri{mesh.simplices(t, 0), mesh.simplices(t, 1), mesh.simplices(t, 2)};
  };
  // Interior edges: the two triangles on either side, sorted by (smaller, larger) node.
  struct Side {
    std::array<int, 2> edge;
    int t;
  };
  std::vector<Side> halves;
  halves.reserve(size_t(nt) * 3);
  for (int t = 0; t < nt; ++t)
    for (int a = 0; a < 3; ++a) {
      const int u = mesh.simplices(t, a), v = mesh.simplices(t, (a + 1) % 3);
      halves.push_back({{std::min(u, v), std::max(u, v)}, t});
    }
  std::sort(halves.begin(), halves.end(), [](const Side& x, const Side& y) {
    return x.edge < y.edge || (x.edge == y.edge && x.t < y.t);
  });
  std::vector<std::array<int, 2>> edges;  // unique, sorted
  std::vector<std::array<int, 2>> sides;  // the triangles of each (-1: boundary)
  for (size_t i = 0; i < halves.size(); ++i) {
    if (i > 0 && halves[i].edge == halves[i - 1].edge) {
      sides.back()[1] = halves[i].t;
      continue;
    }
    edges.push_back(halves[i].edge);
    sides.push_back({halves[i].t, -1});
  }
  auto isEdge = [&](int u, int v) {
    const std::array<int, 2> e{std::min(u, v), std::max(u, v)};
    return std::binary_search(edges.begin(), edges.end(), e);
  };
  const SimplexBuckets buckets(located.simplex, nt);
  auto value = [&](const Tri& t, const std::array<double, 3>& l, int k) {
    return l[0] * coefficients(t[0], k) + l[1] * coefficients(t[1], k) +
           l[2] * coefficients(t[2], k);
  };
  // Each sample's current value (the same for the three edges of its triangle).
  RowMatrix was(U.rows(), C);
  parallelFor(
      U.rows(),
      [&](long first, long last) {
        for (long n = first; n < last; ++n) {
          const Tri old = tri(located.simplex[n]);
          for (int k = 0; k < C; ++k)
            was(n, k) =
                value(old, {located.lambda(n, 0), located.lambda(n, 1), located.lambda(n, 2)}, k);
        }
      },
      1024);
  // Every edge's flip gain, edges in parallel (each writes its own entry): the candidates come
  // out in edge order whatever the thread count.
  std::vector<Candidate> gains(edges.size(), Candidate{0, -1, -1, {}, {}});
  parallelFor(
      long(edges.size()),
      [&](long first, long last) {
        for (long e = first; e < last; ++e) {
          const std::array<int, 2>& edge = edges[size_t(e)];
          const int t1 = sides[size_t(e)][0], t2 = sides[size_t(e)][1];
          if (t2 < 0) continue;  // a boundary edge
          const Tri a = tri(t1), b = tri(t2);
          int c = -1, d = -1;
          for (int k = 0; k < 3; ++k) {
            if (a[k] != edge[0] && a[k] != edge[1]) c = a[k];
            if (b[k] != edge[0] && b[k] != edge[1]) d = b[k];
          }
          // The other diagonal must not be an edge already (possible only next to slivers).
          if (isEdge(c, d)) continue;
          Tri n1{edge[0], c, d}, n2{edge[1], c, d};
          if (twiceArea(p, n1) < 0) std::swap(n1[1], n1[2]);
          if (twiceArea(p, n2) < 0) std::swap(n2[1], n2[2]);
          const double before = twiceArea(p, a) + twiceArea(p, b);
          const double A1 = twiceArea(p, n1), A2 = twiceArea(p, n2);
          // Strictly convex: the new triangles are proper and tile the same quadrilateral.
          if (!(A1 > minVolume && A2 > minVolume) || std::abs(A1 + A2 - before) > 1e-9 * before)
            continue;
          double gain = 0, change = 0, sigma2 = 0, count = 0, energy = 0, signal = 0;
          for (int t : {t1, t2})
            for (long i = buckets.start[t]; i < buckets.start[t + 1]; ++i) {
              const long n = buckets.order[i];
              const auto l1 = coordinates(p, n1, U.row(n).data()),
                         l2 = coordinates(p, n2, U.row(n).data());
              const bool first = std::min({l1[0], l1[1], l1[2]}) >= std::min({l2[0], l2[1], l2[2]});
              for (int k = 0; k < C; ++k) {
                const double now = first ? value(n1, l1, k) : value(n2, l2, k);
                const double old = was(n, k);
                gain += (old - Y(n, k)) * (old - Y(n, k)) - (now - Y(n, k)) * (now - Y(n, k));
                energy += (old - Y(n, k)) * (old - Y(n, k));
                signal += Y(n, k) * Y(n, k);
                change += (now - old) * (now - old);
              }
              if (!noise.empty()) sigma2 += noise[n];
              count += 1;
            }
          // Noise alone moves the gain by 2 sum (now - was) eps: sd 2 sigma sqrt(change).
          const double sigma = count > 0 ? std::sqrt(sigma2 / count) : 0.0;
          // (And more than round-off: 1e-6 of the quadrilateral's error, 1e-14 of its signal.)
          if (gain > 4 * sigma * std::sqrt(change) && gain > 1e-6 * energy + 1e-14 * signal)
            gains[size_t(e)] = {gain, t1, t2, n1, n2};
        }
      },
      64);
  std::vector<Candidate> candidates;
  for (const Candidate& g : gains)
    if (g.t1 >= 0) candidates.push_back(g);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.gain > y.gain; });
  std::vector<char> used(nt, 0);
  int flips = 0;
  for (const Candidate& f : candidates) {
    if (used[f.t1] || used[f.t2]) continue;
    used[f.t1] = used[f.t2] = 1;
    for (int t : {f.t1, f.t2})
      for (long i = buckets.start[t]; i < buckets.start[t + 1]; ++i) {
        const long n = buckets.order[i];
        const auto l1 = coordinates(p, f.n1, U.row(n).data()),
                   l2 = coordinates(p, f.n2, U.row(n).data());
        const bool first = std::min({l1[0], l1[1], l1[2]}) >= std::min({l2[0], l2[1], l2[2]});
        const auto& l = first ? l1 : l2;
        double sum = 0;
        for (int k = 0; k < 3; ++k) sum += located.lambda(n, k) = std::max(l[k], 0.0);
        for (int k = 0; k < 3; ++k) located.lambda(n, k) /= sum;
        located.simplex[n] = first ? f.t1 : f.t2;
      }
    for (int k = 0; k < 3; ++k) {
      mesh.simplices(f.t1, k) = f.n1[k];
      mesh.simplices(f.t2, k) = f.n2[k];
    }
    if (created) {  // the new diagonal: the two nodes the new triangles share
      std::vector<int> shared;
      for (int a : f.n1)
        if (std::find(f.n2.begin(), f.n2.end(), a) != f.n2.end()) shared.push_back(a);
      if (shared.size() == 2)
        created->push_back({std::min(shared[0], shared[1]), std::max(shared[0], shared[1])});
    }
    ++flips;
  }
  return flips;
}

}  // namespace lreg::detail
