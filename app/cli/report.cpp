#include "app/cli/report.h"

#include <cstdio>

namespace lreg::cli {

Json metricsJson(const Metrics& m) {
  Json j = Json::makeObject();
  j.set("mae", m.mae);
  j.set("rmse", m.rmse);
  j.set("r2", m.r2);
  if (m.maePerOutput.size() > 1) {
    Json mae = Json::makeArray(), rmse = Json::makeArray(), r2 = Json::makeArray();
    for (Eigen::Index k = 0; k < m.maePerOutput.size(); ++k) {
      mae.push(m.maePerOutput(k));
      rmse.push(m.rmsePerOutput(k));
      r2.push(m.r2PerOutput(k));
    }
    j.set("per_output", Json::Object{{"mae", mae}, {"rmse", rmse}, {"r2", r2}});
  }
  return j;
}

std::string metricsLine(const Metrics& m) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "MAE %.6g  RMSE %.6g  R2 %.6f", m.mae, m.rmse, m.r2);
  return buf;
}

}  // namespace lreg::cli
