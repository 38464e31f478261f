// The studio's value types in Qt's meta-type system: signals carry them and QSignalSpy (tests)
// stores them in QVariants. registerStudioTypes() once before connecting.
#pragma once

#include <QMetaType>

#include "app/studio/studio_types.h"

namespace lreg::studio {

void registerStudioTypes();

}  // namespace lreg::studio

Q_DECLARE_METATYPE(lreg::SnapshotPtr)
Q_DECLARE_METATYPE(lreg::MrcOptions)
Q_DECLARE_METATYPE(lreg::studio::DataRequest)
Q_DECLARE_METATYPE(lreg::studio::DataPtr)
Q_DECLARE_METATYPE(lreg::studio::ModelPtr)
Q_DECLARE_METATYPE(lreg::studio::IterationRecord)
Q_DECLARE_METATYPE(lreg::studio::SessionPtr)
Q_DECLARE_METATYPE(lreg::Metrics)
