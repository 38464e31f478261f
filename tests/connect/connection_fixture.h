// A synthetic task for the connection tests: a frozen "base" that is deliberately wrong.
#pragma once

#include <cmath>

#include <lreg/base/random.h>
#include <lreg/connect/connection_data.h>

namespace testconnect {

/// Two latent values s ~ N(0, 1) per sample, seen through six noisy linear features. The
/// truth: class logits (3 sin 2 s0, 3 cos 2 s0, 2 s1), labels drawn from their softmax. The
/// base knows the last two logits but not the first (it outputs 0 there), so a correction that
/// depends on one direction of the features helps.
inline lreg::ConnectionData syntheticClassification(long N, std::uint64_t seed) {
  lreg::Random r(seed);
  lreg::ConnectionData d;
  d.features.resize(N, 6);
  d.outputs.resize(N, 3);
  d.labels.resize(size_t(N));
  const double mix[6][2] = {{1, 0.2}, {0.3, -1}, {0.5, 0.5}, {-0.7, 0.4}, {0.1, 0.9}, {2, 0}};
  for (long n = 0; n < N; ++n) {
    const double s0 = r.normal(), s1 = r.normal();
    for (int k = 0; k < 6; ++k)
      d.features(n, k) = 3.0 + mix[k][0] * s0 + mix[k][1] * s1 + 0.05 * r.normal();
    const double truth[3] = {3 * std::sin(2 * s0), 3 * std::cos(2 * s0), 2 * s1};
    double sum = 0, p[3];
    for (int k = 0; k < 3; ++k) sum += p[k] = std::exp(truth[k]);
    const double u = r.uniform() * sum;
    d.labels[size_t(n)] = u < p[0] ? 0 : (u < p[0] + p[1] ? 1 : 2);
    d.outputs(n, 0) = 0;
    d.outputs(n, 1) = truth[1];
    d.outputs(n, 2) = truth[2];
  }
  d.featuresSource = "F.npy";
  d.outputsSource = "O.npy";
  d.truthSource = "Y.npy";
  return d;
}

/// Regression: y = (sin 2 s0 + s1, s0 s1) through the same features; the base predicts 0.
inline lreg::ConnectionData syntheticRegression(long N, std::uint64_t seed) {
  lreg::ConnectionData d = syntheticClassification(N, seed);
  lreg::Random r(seed + 100);
  d.outputs = lreg::RowMatrix::Zero(N, 2);
  d.targets.resize(N, 2);
  for (long n = 0; n < N; ++n) {
    const double s0 = (d.features(n, 5) - 3.0) / 2, s1 = -(d.features(n, 1) - 3.0 - 0.3 * s0);
    d.targets(n, 0) = std::sin(2 * s0) + s1 + 0.05 * r.normal();
    d.targets(n, 1) = s0 * s1 + 0.05 * r.normal();
  }
  d.labels.clear();
  d.truthSource = "T.npy";
  return d;
}

}  // namespace testconnect
