#include "app/cli/connection_inputs.h"

#include <lreg/io/csv.h>
#include <lreg/io/npy.h>

namespace lreg::cli {

void writeMatrix(const std::string& path, const RowMatrix& m, const std::string& stem) {
  Dataset out;
  out.X = m;
  out.Y.resize(m.rows(), 0);
  for (Eigen::Index k = 0; k < m.cols(); ++k)
    out.inputNames.push_back(stem + std::to_string(k + 1));
  writeData(path, out);
}

}  // namespace lreg::cli
