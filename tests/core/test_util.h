// Small helpers shared by the core test suites (header-only, no test logic of its own).
#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <bit>
#include <cstdint>
#include <exception>
#include <string>
#include <utility>

#include <lreg/base/error.h>
#include <lreg/base/random.h>

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

}  // namespace testutil
