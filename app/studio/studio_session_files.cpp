// The session's files: Save / Open Session, the autosave, and restoring a crashed instance's
// work. Writing and reading run on background tasks (a session can embed the data); the
// restore goes through the worker, which loads the data and resumes the fit, so a bad file
// or missing data leave everything loaded as it was.
#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include "app/studio/autosave.h"
#include "app/studio/background_tasks.h"
#include "app/studio/mlp_trainer.h"
#include "app/studio/reference_job.h"
#include "app/studio/studio_session.h"

namespace lreg::studio {

SessionFile StudioSession::sessionFile() const {
  SessionFile s;
  if (data_) s.data = data_->request;
  s.options = options_;
  s.threads = threads_;
  s.paceMs = paceMs_;
  s.view = view_;
  s.current = current_;
  s.best = best_;
  // The iteration of the latest fit: a resumed engine refits that mesh first.
  s.iteration = history_.empty() ? 0 : history_.last().iteration;
  s.history = history_.records();
  if (mlpData_ == data_ && !mlpTrainer_->isRunning()) {
    s.mlp = mlpTrainer_->mlp();
    s.mlpCurve = mlpTrainer_->curve();
  }
  s.bestPlacement = reference_->result();
  return s;
}

void StudioSession::writeSessionFile(const QString& path,
                                     std::function<void(quint64 changes)> written,
                                     std::function<void(const QString&)> failed) {
  auto session = std::make_shared<const SessionFile>(sessionFile());
  const DataPtr data = data_;
  const quint64 at = changes_;  // what the file holds: the state of this moment
  tasks_->run(
      [session, data, path, at, written = std::move(written)]() -> BackgroundTasks::Done {
        writeSession(path.toStdString(), *session, *data);
        return [written, at] { written(at); };
      },
      std::move(failed));
}

void StudioSession::saveSession(const QString& path) {
  if (!data_) throw Error(path.toStdString() + ": nothing to save: no data loaded");
  writeSessionFile(
      path,
      [this, path](quint64 at) {
        savedChanges_ = at;
        sessionPath_ = path;
        emit fileWritten(path);
      },
      [this, path](const QString& message) {
        emit writeFailed(path, message);
        failBackground(tr("Cannot save the session"), message);
      });
}

void StudioSession::openSession(const QString& path) {
  tasks_->run(
      [this, path]() -> BackgroundTasks::Done {
        auto session = std::make_shared<const SessionFile>(readSession(path.toStdString()));
        return [this, session] {
          // The worker loads the data and resumes the fit; applyRestored does the rest when it
          // answers (started), or sessionFailed comes (loadFailed) and nothing changes.
          ++loads_;
          emit loadStarted();
          emit requestLoad(session->data, session->options, session);
        };
      },
      [this](const QString& message) {
        emit sessionFailed(message);
        failBackground(tr("Cannot open the session"), message);
      });
}

void StudioSession::applyRestored(const SessionFile& s) {
  options_ = s.options;
  paceMs_ = s.paceMs;
  threads_ = s.threads;
  setThreadCount(threads_);
  emit requestPace(paceMs_);
  view_ = s.view;
  for (const IterationRecord& r : s.history) history_.add(r);
  current_ = s.current;
  best_ = s.best;
  mlpData_.reset();
  conversion_ = {};
  if (s.mlp) {
    mlpData_ = data_;
    // Its drawing is a pass over the data: a background task, then progress() as after a
    // training report.
    const std::shared_ptr<const Mlp> net = s.mlp;
    const std::vector<MlpEpoch> curve = s.mlpCurve;
    const DataPtr data = data_;
    const int nodes = options_.dof;
    tasks_->run(
        [this, net, curve, data, nodes]() -> BackgroundTasks::Done {
          MlpConversion shown = studio::convertMlp(*net, *data, nodes);
          return [this, net, curve, shown, data] {
            if (data == data_) mlpTrainer_->restore(net, curve, shown);
          };
        },
        [this](const QString& message) { failBackground(tr("Cannot show the MLP"), message); });
  } else {
    mlpTrainer_->restore(nullptr, {}, {});
  }
  // A result of another node budget or test set than the restored ones would not belong here
  // (the app drops it when either changes, so only an edited file has one).
  const std::optional<ReferenceResult>& placement = s.bestPlacement;
  if (placement && placement->dof == options_.dof && placement->onTest == data_->hasTest())
    reference_->restore(*placement);
  savedChanges_ = changes_;  // as on disk
  if (!restoringCrashed_.isEmpty()) {
    for (const CrashedSession& c : crashedSessions()) {
      if (c.markerPath == restoringCrashed_) AutosaveStore::discard(c);
    }
    restoringCrashed_.clear();
    savedChanges_ = 0;  // the crashed work is in memory only now
  }
  emit optionsChanged();
  emit settingsRestored();
}

// --- autosave ------------------------------------------------------------------------------

void StudioSession::enableAutosave(const QString& directory, int intervalMs) {
  autosave_ = std::make_unique<AutosaveStore>(directory);
  setAutosaveInterval(intervalMs);
}

void StudioSession::setAutosaveInterval(int milliseconds) {
  autosaveTimer_.start(std::max(1, milliseconds));
}

QString StudioSession::autosavePath() const {
  return autosave_ ? autosave_->sessionPath() : QString();
}

std::vector<CrashedSession> StudioSession::crashedSessions() const {
  return autosave_ ? autosave_->crashed() : std::vector<CrashedSession>{};
}

void StudioSession::restoreCrashed(const CrashedSession& crashed) {
  restoringCrashed_ = crashed.markerPath;
  openSession(crashed.sessionPath);
}

void StudioSession::discardCrashed(const CrashedSession& crashed) {
  AutosaveStore::discard(crashed);
}

void StudioSession::autosaveNow() {
  if (!autosave_ || autosaving_ || !data_ || changes_ == autosavedChanges_) return;
  autosaving_ = true;
  const QString path = autosave_->sessionPath();
  writeSessionFile(
      path,
      [this, path](quint64 at) {
        autosaving_ = false;
        autosaveFailing_ = false;
        autosavedChanges_ = at;
        emit autosaved(path);
      },
      [this](const QString& message) {
        autosaving_ = false;
        // Said once, not at every tick while the disk stays full.
        if (!autosaveFailing_) failBackground(tr("Cannot autosave the session"), message);
        autosaveFailing_ = true;
      });
}

}  // namespace lreg::studio
