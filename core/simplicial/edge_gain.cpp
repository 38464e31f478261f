#include "simplicial/edge_gain.h"

#include <algorithm>

#include <lreg/base/parallel.h>
#include "simplicial/moments_nd.h"

namespace lreg::detail {

EdgeGains edgeGains(const SimplexMesh& mesh, const LocatedSamples& located,
                    const RowMatrix& residual, const std::vector<double>& noise) {
  const int d = mesh.dim, v = d + 1, C = int(residual.cols()), nt = mesh.simplexCount();
  const int local = v * (v - 1) / 2;  // edges per simplex
  EdgeGains out;
  out.edges = mesh.edges();
  // Each simplex's local edge ids (binary search in the sorted edge list).
  std::vector<int> edgeOf(size_t(nt) * local);
  std::vector<std::array<int, 2>> pairs;
  for (int a = 0; a < v; ++a)
    for (int b = a + 1; b < v; ++b) pairs.push_back({a, b});
  for (int t = 0; t < nt; ++t)
    for (int e = 0; e < local; ++e) {
      const int u = mesh.simplices(t, pairs[e][0]), w = mesh.simplices(t, pairs[e][1]);
      const std::array<int, 2> key{std::min(u, w), std::max(u, w)};
      edgeOf[size_t(t) * local + e] =
          int(std::lower_bound(out.edges.begin(), out.edges.end(), key) - out.edges.begin());
    }
  // Per simplex and local edge: sum phi r (C values), sum phi^2, sum phi^2 sigma^2. Written by
  // one thread per simplex and reduced in simplex order: independent of the thread count.
  const int width = C + 2;
  std::vector<double> part(size_t(nt) * local * width, 0.0);
  const SimplexBuckets buckets(located.simplex, nt);
  parallelFor(
      nt,
      [&](long t0, long t1) {
        for (long t = t0; t < t1; ++t)
          for (long i = buckets.start[t]; i < buckets.start[t + 1]; ++i) {
            const long n = buckets.order[i];
            for (int e = 0; e < local; ++e) {
              const double phi =
                  2 * std::min(located.lambda(n, pairs[e][0]), located.lambda(n, pairs[e][1]));
              double* p = &part[(size_t(t) * local + e) * width];
              for (int k = 0; k < C; ++k) p[k] += phi * residual(n, k);
              p[C] += phi * phi;
              if (!noise.empty()) p[C + 1] += phi * phi * noise[n];
            }
          }
      },
      64);
  const size_t E = out.edges.size();
  std::vector<double> sum(E * width, 0.0);
  for (size_t s = 0; s < size_t(nt) * local; ++s)
    for (int k = 0; k < width; ++k) sum[size_t(edgeOf[s]) * width + k] += part[s * width + k];
  out.gain = Vector::Zero(long(E));
  out.samples = Vector::Zero(long(E));
  out.simplices = Vector::Zero(long(E));
  for (int t = 0; t < nt; ++t)
    for (int e = 0; e < local; ++e) {
      out.samples(edgeOf[size_t(t) * local + e]) += double(buckets.start[t + 1] - buckets.start[t]);
      out.simplices(edgeOf[size_t(t) * local + e]) += 1;
    }
  for (size_t e = 0; e < E; ++e) {
    const double* s = &sum[e * width];
    if (!(s[C] > 0)) continue;
    double g = 0;
    for (int k = 0; k < C; ++k) g += s[k] * s[k] / s[C];
    out.gain(long(e)) = g - s[C + 1] / s[C];
  }
  return out;
}

}  // namespace lreg::detail
