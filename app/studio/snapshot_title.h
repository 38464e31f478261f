// The plot's title for an engine snapshot: data set, iteration, the sub-step just done, nodes.
// One function, so the live view, the history scrubber and the animation frames agree.
#pragma once

#include <QString>

#include <lreg/engine/snapshot.h>

namespace lreg::studio {

QString snapshotTitle(const QString& dataName, const Snapshot& snapshot);

}  // namespace lreg::studio
