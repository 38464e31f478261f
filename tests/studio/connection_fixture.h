// A small synthetic frozen model for the Connection tests: three classes decided by a
// nonlinear function of the features, and a base whose logits see only a linear part of it
// (so a connection has something to correct), written as the .npy files a user would give.
#pragma once

#include <QDir>
#include <QString>

#include <cmath>

#include <random>

#include <lreg/io/npy.h>
#include "app/studio/connection_session.h"

namespace connection_test {

inline void writeMatrix(const QString& path, const lreg::RowMatrix& m) {
  lreg::Dataset d;
  d.X = m;
  d.Y.resize(m.rows(), 0);
  lreg::writeNpy(path.toStdString(), d);
}

/// Writes {prefix}features.npy, {prefix}outputs.npy, {prefix}labels.npy in `dir`.
inline lreg::ConnectionFiles writeSet(const QDir& dir, const QString& prefix, long n,
                                      std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  lreg::RowMatrix X(n, 6), logits(n, 3), labels(n, 1);
  for (long i = 0; i < n; ++i) {
    for (int c = 0; c < 6; ++c) X(i, c) = normal(rng);
    const double s = X(i, 0) + 1.5 * std::sin(2 * X(i, 1));
    const int y = s < -0.6 ? 0 : (s < 0.6 ? 1 : 2);
    labels(i, 0) = y;
    logits(i, 0) = -X(i, 0);  // the base knows the linear part only
    logits(i, 1) = 0.3;
    logits(i, 2) = X(i, 0);
  }
  lreg::ConnectionFiles f;
  f.features = dir.filePath(prefix + "features.npy").toStdString();
  f.outputs = dir.filePath(prefix + "outputs.npy").toStdString();
  f.truth = dir.filePath(prefix + "labels.npy").toStdString();
  writeMatrix(QString::fromStdString(f.features), X);
  writeMatrix(QString::fromStdString(f.outputs), logits);
  writeMatrix(QString::fromStdString(f.truth), labels);
  return f;
}

/// Training (2000 samples) and validation (600) sets in `dir`.
inline lreg::studio::ConnectionSources writeSources(const QDir& dir) {
  lreg::studio::ConnectionSources s;
  s.train = writeSet(dir, "train_", 2000, 1);
  s.val = writeSet(dir, "val_", 600, 2);
  return s;
}

/// Options that learn the synthetic set quickly.
inline lreg::ConnectionOptions quickOptions() {
  return {.components = 4, .dof = 8, .batchSize = 64, .learningRate = 0.05, .projectionRate = 0.01};
}

}  // namespace connection_test
