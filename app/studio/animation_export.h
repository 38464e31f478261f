// "Export animation": every kept snapshot of the run's history drawn by the plot and written
// as numbered PNG frames (frame_0000.png, frame_0001.png, ...), ready for ffmpeg or a GIF tool.
#pragma once

#include <QSize>
#include <QString>

#include <functional>

#include "app/studio/snapshot_history.h"

namespace lreg::studio {

class PlotPanel;

struct AnimationRequest {
  QString folder;  ///< must exist and hold no frame_*.png yet (frames of two runs never mix)
  QSize size{1280, 800};
  QString dataName;  ///< for the frames' titles
};

/// Draws each snapshot of `history` on `plot` and exports it. `progress(done, total)` is called
/// before each frame and cancels when it returns false. Returns the frames written. Throws Error
/// naming the folder or frame. The plot is left showing the last frame drawn: redraw after.
int exportAnimation(PlotPanel& plot, const SnapshotHistory& history,
                    const AnimationRequest& request,
                    const std::function<bool(int done, int total)>& progress = {});

/// The name of frame `index`: frame_0000.png.
QString frameName(int index);

}  // namespace lreg::studio
