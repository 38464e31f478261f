#include "engine/adam.h"

#include <cmath>

#include "engine/loss.h"

namespace lreg::detail {

void AdamState::apply(RowMatrix& coefficients, const RowMatrix& G, double rate) {
  apply(coefficients.data(), G.data(), long(G.size()), rate);
}

void AdamState::apply(double* parameters, const double* G, long size, double rate) {
  ++step;
  const double c1 = 1 - std::pow(kAdamBeta1, double(step));
  const double c2 = 1 - std::pow(kAdamBeta2, double(step));
  for (long i = 0; i < size; ++i)
    adamStep(parameters[i], m.data()[i], v.data()[i], G[i], rate, c1, c2);
}

}  // namespace lreg::detail
