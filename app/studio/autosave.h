// Where LReg Studio keeps its work between saves: a folder (by default
// $XDG_STATE_HOME/lreg-studio/, i.e. ~/.local/state/lreg-studio/) in which every running
// instance holds a marker, instance-<pid>.lock (its process id and the process's start time,
// so a reused id is told apart), and writes its session to autosave-<pid>.json. A clean end
// removes both. A marker whose process is gone means that instance ended abnormally (killed,
// crashed, power cut): its autosave is what the next start offers to restore.
#pragma once

#include <QDateTime>
#include <QString>

#include <vector>

namespace lreg::studio {

/// The autosave interval: LREG_STUDIO_AUTOSAVE_MS when set to a positive number (tests),
/// else 30 000 ms.
int autosaveIntervalMs();

struct CrashedSession {
  qint64 pid = 0;
  QString sessionPath;  ///< its autosave file
  QString markerPath;
  QDateTime savedAt;  ///< when the autosave was last written
};

class AutosaveStore {
 public:
  /// $XDG_STATE_HOME/lreg-studio, or ~/.local/state/lreg-studio when it is unset or relative.
  static QString defaultDirectory();

  /// Makes the folder and this instance's marker. Throws Error naming the folder on failure.
  explicit AutosaveStore(const QString& directory);
  AutosaveStore(const AutosaveStore&) = delete;
  AutosaveStore& operator=(const AutosaveStore&) = delete;
  /// Leaves the marker: only close() says the end was clean.
  ~AutosaveStore() = default;

  const QString& directory() const { return directory_; }
  /// This instance's autosave file.
  QString sessionPath() const;
  /// A clean end: removes this instance's marker and autosave.
  void close();

  /// Sessions of other instances whose process is gone, newest first. Markers of crashed
  /// instances that never autosaved are removed on the way.
  std::vector<CrashedSession> crashed() const;
  /// Removes a crashed instance's marker and autosave.
  static void discard(const CrashedSession& crashed);

 private:
  QString directory_;
  QString marker_;
  bool closed_ = false;
};

}  // namespace lreg::studio
