// The dialog that names a connection's files: the frozen model's features, outputs and labels
// (or regression targets) for training and, optionally, validation.
#pragma once

#include "app/studio/connection_session.h"

class QWidget;

namespace lreg::studio {

/// Starts from `sources`; false when cancelled.
bool askConnectionSources(QWidget* parent, ConnectionSources& sources);

}  // namespace lreg::studio
