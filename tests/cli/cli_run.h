// Runs the `lreg` executable (LREG_CLI) as a user would, for the CLI test suites.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

namespace clitest {

struct Result {
  int exitCode;  ///< -1 when the process crashed
  QString out, err;
  QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

inline Result lreg(const QStringList& args) {
  QProcess p;
  p.start(LREG_CLI, args);
  p.waitForFinished(120000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace clitest
