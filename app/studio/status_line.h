// The status bar's permanent fields: iteration, phase, D, the latest errors, the time per
// iteration and the distance to the best placement found (once searched), read from the
// session; and on the left, a line about the selected node.
#pragma once

#include <QObject>
#include <QString>

class QLabel;
class QStatusBar;

namespace lreg::studio {

class LossHistory;
class StudioSession;

class StatusLine : public QObject {
  Q_OBJECT

 public:
  StatusLine(QStatusBar* bar, const StudioSession& session);

  /// Shows the session's latest snapshot and loss history.
  void update();
  void setNodeText(const QString& text);
  /// The permanent fields joined by " | " (for tests and the headless summary).
  QString text() const;
  /// "best model: iteration K, train RMSE a, test RMSE b (Save Model writes it)", for the
  /// history's last fit; empty where it was not measured (a restored older session).
  static QString bestModelText(const LossHistory& history);
  /// "best model RMSE x / best found placement y (ratio r, test)", "searching…" or empty. The
  /// best model (what Save Model writes) is compared, not the shown snapshot.
  static QString referenceText(const StudioSession& session);

 private:
  const StudioSession& session_;
  QLabel* iteration_;
  QLabel* phase_;
  QLabel* dof_;
  QLabel* loss_;
  QLabel* time_;
  QLabel* reference_;
  QLabel* node_;
};

}  // namespace lreg::studio
