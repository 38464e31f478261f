// The paper's data sets (PAPER-NOTES.md, "Datasets of the paper"), generated from a seed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <lreg/data/dataset.h>

namespace lreg {

/// The noise-free target function of a generator: one input row (d values) -> C outputs.
using TruthFunction = std::function<void(const double* x, double* y)>;

struct GeneratorInfo {
  std::string name;         ///< canonical name, e.g. "A1", "appc3"
  int dim = 1;              ///< input dimension
  int outputs = 1;          ///< target columns
  long trainSize = 0;       ///< the paper's training-set size
  long testSize = 0;        ///< the paper's test-set size
  std::string description;  ///< one line, the distribution as PAPER-NOTES writes it
};

struct GeneratorOptions {
  long trainSize = 0;       ///< 0: the paper's size
  long testSize = 0;        ///< 0: the paper's size
  double noiseScale = 1.0;  ///< multiplies the noise standard deviation (0: noise-free)
  int grid = 0;             ///< appc1: interior grid points per side, m (0: 16; m^2 outputs)
};

struct GeneratedData {
  Dataset train, test;
  TruthFunction truth;  ///< the noise-free function, for plots and the noise ceiling
  GeneratorInfo info;
};

/// All generators, in a stable order: A1, B1, C, fig4a, appc2, appc3, A2, B2, appc4, appc1.
/// appc1 (App. C.1) maps (alpha, beta) to the m x m interior grid values of the solution of
/// -Lap u + (u - beta)^2 = (alpha cos x sin y - 1)^2 + 1 on [0, 1]^2, u = beta on the boundary
/// (5-point finite differences, h = 1/(m + 1), Newton's method to 1e-12; output k m + i is the
/// point x = (i + 1) h, y = (k + 1) h).
const std::vector<GeneratorInfo>& generators();
/// Looks a generator up by name, case-insensitively; throws Error naming the known ones.
const GeneratorInfo& findGenerator(const std::string& name);
/// Draws train and test sets. Deterministic for a given (name, seed, options).
GeneratedData generate(const std::string& name, std::uint64_t seed,
                       const GeneratorOptions& options = {});

}  // namespace lreg
