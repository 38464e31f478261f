#include "app/studio/autosave.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>

namespace lreg::studio {
namespace {

// Field 22 of /proc/PID/stat: the process's start time in clock ticks since boot. Empty when
// there is no such process.
std::string startTime(qint64 pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return {};
  const size_t close = line.rfind(')');  // the command name may hold spaces and brackets
  if (close == std::string::npos) return {};
  std::istringstream fields(line.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
    if (i == 22) return field;
  }
  return {};
}

QString markerName(qint64 pid) {
  return QStringLiteral("instance-%1.lock").arg(pid);
}

QString sessionName(qint64 pid) {
  return QStringLiteral("autosave-%1.json").arg(pid);
}

}  // namespace

int autosaveIntervalMs() {
  bool ok = false;
  const int ms = qEnvironmentVariableIntValue("LREG_STUDIO_AUTOSAVE_MS", &ok);
  return ok && ms > 0 ? ms : 30000;
}

QString AutosaveStore::defaultDirectory() {
  QString base = qEnvironmentVariable("XDG_STATE_HOME");
  if (base.isEmpty() || QDir::isRelativePath(base)) base = QDir::homePath() + "/.local/state";
  return base + "/lreg-studio";
}

AutosaveStore::AutosaveStore(const QString& directory) : directory_(directory) {
  if (!QDir().mkpath(directory_))
    throw Error(directory_.toStdString() + ": cannot make the autosave folder");
  const qint64 pid = QCoreApplication::applicationPid();
  marker_ = QDir(directory_).filePath(markerName(pid));
  writeFileAtomically(marker_.toStdString(), std::to_string(pid) + "\n" + startTime(pid) + "\n");
}

QString AutosaveStore::sessionPath() const {
  return QDir(directory_).filePath(sessionName(QCoreApplication::applicationPid()));
}

void AutosaveStore::close() {
  if (closed_) return;
  closed_ = true;
  QFile::remove(sessionPath());
  QFile::remove(marker_);
}

std::vector<CrashedSession> AutosaveStore::crashed() const {
  std::vector<CrashedSession> out;
  const QDir dir(directory_);
  const qint64 self = QCoreApplication::applicationPid();
  for (const QFileInfo& marker : dir.entryInfoList({"instance-*.lock"}, QDir::Files)) {
    bool ok = false;
    const qint64 pid = marker.completeBaseName().section('-', 1).toLongLong(&ok);
    if (!ok || pid == self) continue;
    QFile file(marker.filePath());
    if (!file.open(QIODevice::ReadOnly)) continue;
    const QStringList lines = QString::fromUtf8(file.readAll()).split('\n');
    const std::string started = lines.size() > 1 ? lines[1].trimmed().toStdString() : "";
    const std::string now = startTime(pid);
    if (!now.empty() && now == started) continue;  // still running
    CrashedSession c;
    c.pid = pid;
    c.markerPath = marker.filePath();
    c.sessionPath = dir.filePath(sessionName(pid));
    const QFileInfo session(c.sessionPath);
    if (!session.exists()) {
      QFile::remove(c.markerPath);  // ended before its first autosave: nothing to restore
      continue;
    }
    c.savedAt = session.lastModified();
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(),
            [](const CrashedSession& a, const CrashedSession& b) { return a.savedAt > b.savedAt; });
  return out;
}

void AutosaveStore::discard(const CrashedSession& crashed) {
  QFile::remove(crashed.sessionPath);
  QFile::remove(crashed.markerPath);
}

}  // namespace lreg::studio
