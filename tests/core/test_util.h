// Small helpers shared by the test suites (header-only, no test logic of its own).
#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <bit>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <utility>

#include <lreg/base/error.h>
#include <lreg/base/random.h>
#include <lreg/base/types.h>
#include <lreg/data/dataset.h>
#include <lreg/engine/mrc_options.h>

namespace testutil {

/// The message of the lreg::Error that f() throws, or a marker no expected text contains.
template <class F>
QString errorMessage(F&& f) {
  try {
    std::forward<F>(f)();
  } catch (const lreg::Error& e) {
    return QString::fromStdString(e.what());
  } catch (const std::exception& e) {
    return QStringLiteral("<not an lreg::Error: %1>").arg(QString::fromStdString(e.what()));
  }
  return QStringLiteral("<nothing thrown>");
}

/// Writes `content` byte for byte to `name` inside `dir`; returns the file's path.
inline std::string writeText(const QTemporaryDir& dir, const QString& name,
                             const std::string& content) {
  const QString path = dir.filePath(name);
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return {};
  f.write(content.data(), qint64(content.size()));
  return path.toStdString();
}

inline std::string readText(const std::string& path) {
  QFile f(QString::fromStdString(path));
  if (!f.open(QIODevice::ReadOnly)) return {};
  const QByteArray bytes = f.readAll();
  return std::string(bytes.constData(), size_t(bytes.size()));
}

/// Every entry of a folder, hidden ones included (a leftover ".x.tmp" shows up here).
inline QStringList allEntries(const QTemporaryDir& dir) {
  return QDir(dir.path())
      .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

inline bool sameBits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

inline QString describe(double v) {
  return QString::number(v, 'g', 17);
}

/// The first entry of `read` whose bits differ from `wrote`'s, as "NAME(i,k): wrote a, read b";
/// empty when every one is the same (the shapes must be equal).
inline QString firstBitDifference(const char* name, const lreg::RowMatrix& wrote,
                                  const lreg::RowMatrix& read) {
  for (Eigen::Index i = 0; i < wrote.rows(); ++i)
    for (Eigen::Index k = 0; k < wrote.cols(); ++k)
      if (!sameBits(read(i, k), wrote(i, k)))
        return QString("%1(%2,%3): wrote %4, read %5")
            .arg(name)
            .arg(i)
            .arg(k)
            .arg(describe(wrote(i, k)), describe(read(i, k)));
  return {};
}

/// The paper's own recipe (Algorithm 2): Adam on batches, hard-sample counts as the indicator.
inline lreg::MrcOptions paperRecipe(int dof, int iterations) {
  return {.dof = dof,
          .iterations = iterations,
          .fit = lreg::FitMethod::Adam,
          .indicator = lreg::Indicator::HardSampleCounts};
}

/// `n` samples (x(i), y(i)) of a curve: one input, one output.
inline lreg::Dataset curve1D(int n, const std::function<double(int)>& x,
                             const std::function<double(int)>& y) {
  lreg::Dataset d;
  d.X.resize(n, 1);
  d.Y.resize(n, 1);
  for (int i = 0; i < n; ++i) {
    d.X(i, 0) = x(i);
    d.Y(i, 0) = y(i);
  }
  return d;
}

/// n points uniform in the unit box [0, 1]^d (#n by d).
inline lreg::RowMatrix randomPoints(int n, int d, std::uint64_t seed) {
  lreg::Random r(seed);
  lreg::RowMatrix U(n, d);
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < d; ++k) U(i, k) = r.uniform();
  return U;
}

/// n samples of f at points uniform in the unit square, plus Gaussian noise of sd `noise`:
/// inputs x1, x2, output y, source "test".
inline lreg::Dataset sampled2D(double (*f)(const double*), int n, double noise,
                               std::uint64_t seed) {
  lreg::Dataset data;
  data.X = randomPoints(n, 2, seed);
  data.Y.resize(n, 1);
  lreg::Random r(seed + 100);
  for (int i = 0; i < n; ++i) data.Y(i, 0) = f(data.X.row(i).data()) + noise * r.normal();
  data.inputNames = {"x1", "x2"};
  data.outputNames = {"y"};
  data.source = "test";
  return data;
}

/// Data rows "2D" and "3D" of an int column "dim", for tests run on triangles and tetrahedra.
inline void dimensionRows() {
  QTest::addColumn<int>("dim");
  QTest::newRow("2D") << 2;
  QTest::newRow("3D") << 3;
}

}  // namespace testutil
