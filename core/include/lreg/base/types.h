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
/// Read-only view of a #N by k matrix in any layout: a RowMatrix (no copy), a strided or
/// column-major block of someone else's memory (a NumPy array, mapped with Eigen::Map), so data
/// can reach the engine without being copied first.
using MatrixView = Eigen::Ref<const RowMatrix, 0, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>;

}  // namespace lreg
