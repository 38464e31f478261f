#include "app/studio/studio_metatypes.h"

namespace lreg::studio {

void registerStudioTypes() {
  qRegisterMetaType<lreg::SnapshotPtr>("lreg::SnapshotPtr");
  qRegisterMetaType<lreg::MrcOptions>("lreg::MrcOptions");
  qRegisterMetaType<DataRequest>("lreg::studio::DataRequest");
  qRegisterMetaType<DataPtr>("lreg::studio::DataPtr");
  qRegisterMetaType<ModelPtr>("lreg::studio::ModelPtr");
  qRegisterMetaType<IterationRecord>("lreg::studio::IterationRecord");
  qRegisterMetaType<SessionPtr>("lreg::studio::SessionPtr");
  qRegisterMetaType<lreg::Metrics>("lreg::Metrics");
}

}  // namespace lreg::studio
