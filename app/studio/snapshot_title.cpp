#include "app/studio/snapshot_title.h"

#include <QObject>

namespace lreg::studio {

QString snapshotTitle(const QString& dataName, const Snapshot& s) {
  if (s.phase == Phase::Initial && s.iteration > 0) {  // a resumed fit (a restored session)
    return QObject::tr("%1 · iteration %2 · resumed · D = %3")
        .arg(dataName)
        .arg(s.iteration)
        .arg(s.nodes.rows());
  }
  if (s.phase == Phase::Initial) {
    return QObject::tr("%1 · initial mesh · D = %2").arg(dataName).arg(s.nodes.rows());
  }
  return QObject::tr("%1 · iteration %2 · after %3 · %4 nodes")
      .arg(dataName)
      .arg(s.iteration)
      .arg(QString::fromStdString(phaseName(s.phase)))
      .arg(s.nodes.rows());
}

}  // namespace lreg::studio
