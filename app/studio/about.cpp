#include "app/studio/about.h"

#include <QObject>
#include <QtGlobal>

#include <vtkVersion.h>

#include <lreg/version.h>

namespace lreg::studio {

QString aboutText() {
  return QObject::tr(
             "<b>LReg Studio</b> %1<br>The Lagrange regressor's mesh "
             "refinement-coarsening loop, live.<br><br>"
             "Build: %2<br>Qt %3, VTK %4")
      .arg(QString::fromUtf8(kVersion), QString::fromUtf8(kBuildOptions),
           QString::fromUtf8(qVersion()), QString::fromUtf8(vtkVersion::GetVTKVersion()));
}

}  // namespace lreg::studio
