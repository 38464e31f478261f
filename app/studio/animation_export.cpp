#include "app/studio/animation_export.h"

#include <QDir>

#include <lreg/base/error.h>
#include "app/studio/plot_panel.h"
#include "app/studio/snapshot_title.h"

namespace lreg::studio {

QString frameName(int index) {
  return QStringLiteral("frame_%1.png").arg(index, 4, 10, QLatin1Char('0'));
}

int exportAnimation(PlotPanel& plot, const SnapshotHistory& history,
                    const AnimationRequest& request,
                    const std::function<bool(int, int)>& progress) {
  const QDir dir(request.folder);
  const std::string folder = request.folder.toStdString();
  if (!dir.exists()) throw Error(folder + ": no such folder");
  if (!dir.entryList({"frame_*.png"}, QDir::Files).isEmpty())
    throw Error(folder + ": already holds frame_*.png files; choose an empty folder");
  if (history.empty()) throw Error(folder + ": the history is empty (Step fits something first)");
  const int total = history.size();
  for (int i = 0; i < total; ++i) {
    if (progress && !progress(i, total)) return i;
    const Snapshot& s = *history.at(i);
    plot.showSnapshot(s, snapshotTitle(request.dataName, s));
    plot.exportFigure(dir.filePath(frameName(i)).toStdString(), request.size.width(),
                      request.size.height());
  }
  if (progress) progress(total, total);
  return total;
}

}  // namespace lreg::studio
