// Common numeric types of the engine. Shapes are written libigl-style in doc comments:
// "#N by d" means N rows (one per sample or node) and d columns.
#pragma once

#include <Eigen/Core>

namespace lreg {

/// Row-major dense matrix: one sample / node per row, so a row is contiguous in memory.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// Row-major integer matrix, used for simplices (#n_t by d+1 node indices).
using IndexMatrix = Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXd;

}  // namespace lreg
