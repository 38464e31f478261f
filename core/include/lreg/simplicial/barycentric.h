// Barycentric coordinates of a point in a simplex, from the inverse of the simplex's vertex
// matrix (the tensor S of the paper's Eq. A6): lambda_k(x) = sum_t x_t S[t][k] + S[d][k].
// Plain inline functions on raw arrays so that a CUDA kernel can share them.
#pragma once

#ifdef __CUDACC__
#define LREG_HOST_DEVICE __host__ __device__
#else
#define LREG_HOST_DEVICE
#endif

namespace lreg {

/// S (row-major, (d+1) by (d+1)) and x (d values) -> lambda (d+1 values).
template <int Dim>
LREG_HOST_DEVICE inline void barycentric(const double* S, const double* x, double* lambda) {
  for (int k = 0; k <= Dim; ++k) {
    double v = S[Dim * (Dim + 1) + k];
    for (int t = 0; t < Dim; ++t) v += x[t] * S[t * (Dim + 1) + k];
    lambda[k] = v;
  }
}

/// The smallest barycentric coordinate: >= 0 (within tolerance) iff x is in the simplex.
template <int Dim>
LREG_HOST_DEVICE inline double minCoordinate(const double* lambda) {
  double m = lambda[0];
  for (int k = 1; k <= Dim; ++k) m = lambda[k] < m ? lambda[k] : m;
  return m;
}

/// Round-off can leave a coordinate at -1e-16 on a face: clamps at 0 and renormalises so that
/// the coordinates stay a partition of unity.
template <int Dim>
LREG_HOST_DEVICE inline void clampToSimplex(double* lambda) {
  double sum = 0;
  for (int k = 0; k <= Dim; ++k) sum += (lambda[k] = lambda[k] > 0 ? lambda[k] : 0.0);
  for (int k = 0; k <= Dim; ++k) lambda[k] /= sum;
}

}  // namespace lreg
