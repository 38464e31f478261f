#include <lreg/data/generators.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/base/printable.h>
#include <lreg/base/random.h>
#include "data/appc1_pde.h"

namespace lreg {
namespace {

// x = 1/V with V ~ U(a, b): PAPER-NOTES' reading of "1/X ~ U(...)".
double reciprocalUniform(Random& r, double a, double b) {
  return 1.0 / r.uniform(a, b);
}

// Real and imaginary part of the spherical harmonic Y_4^2(theta azimuth, phi polar).
void sphericalY42(double theta, double phi, double* y) {
  const double c = std::cos(phi), s = std::sin(phi);
  const double radial = 0.375 * std::sqrt(5.0 / (2.0 * M_PI)) * s * s * (7.0 * c * c - 1.0);
  y[0] = radial * std::cos(2.0 * theta);
  y[1] = radial * std::sin(2.0 * theta);
}

struct Recipe {
  GeneratorInfo info;
  void (*draw)(Random&, double* x);           // the inputs of one sample
  void (*truth)(const double* x, double* y);  // the noise-free target
  // Adds the data set's noise (standard deviation times noiseScale) to the truth in y.
  void (*noisy)(Random&, const double* x, double* y, double noiseScale);
};

void noisyA1(Random& r, const double* x, double* y, double k) {
  y[0] = std::sin(x[0]) + k * 0.2 * std::abs(std::cos(2 * x[0])) * r.normal();
}
void noisyB1(Random& r, const double* x, double* y, double k) {
  y[0] = std::sin(1.0 / x[0]) + k * 0.01 * r.normal();
}
void noisyC(Random& r, const double* x, double* y, double k) {
  y[0] = std::sin(1.0 / x[0]) + k * 0.5 * x[0] * x[0] * r.normal();
}
void noisyFig4a(Random& r, const double* x, double* y, double k) {
  y[0] = std::sin(8 * x[0]) + k * std::abs(std::cos(8 * x[0])) * r.normal();
}
void noiseFree(Random&, const double* x, double* y, double) {
  (void)x, (void)y;
}
void noisyA2(Random& r, const double* x, double* y, double k) {
  double s = 0;
  for (int i = 0; i < 2; ++i)
    s += std::sin(x[i]) + k * 0.1 * std::abs(std::cos(2 * x[i])) * r.normal();
  y[0] = s / 2;
}
void noisyB2(Random& r, const double* x, double* y, double k) {
  double s = 0;
  for (int i = 0; i < 2; ++i) s += std::sin(1.0 / x[i]) + k * 0.01 * r.normal();
  y[0] = s / 2;
}

void truthSin(const double* x, double* y) {
  y[0] = std::sin(x[0]);
}
void truthSinInv(const double* x, double* y) {
  y[0] = std::sin(1.0 / x[0]);
}
void truthSin8(const double* x, double* y) {
  y[0] = std::sin(8 * x[0]);
}
void truthA2(const double* x, double* y) {
  y[0] = (std::sin(x[0]) + std::sin(x[1])) / 2;
}
void truthB2(const double* x, double* y) {
  y[0] = (std::sin(1 / x[0]) + std::sin(1 / x[1])) / 2;
}
void truthY42(const double* x, double* y) {
  sphericalY42(x[0], x[1], y);
}

constexpr int kAppc1Grid = 16;  // the default m: 256 outputs

// App. C.1's field for x = (alpha, beta) on an m x m grid.
TruthFunction appc1Truth(int m) {
  return [m](const double* x, double* y) {
    const std::vector<double> u = detail::solveAppc1(m, x[0], x[1]).u;
    std::copy(u.begin(), u.end(), y);
  };
}
void truthAppc1(const double* x, double* y) {
  appc1Truth(kAppc1Grid)(x, y);
}

const std::vector<Recipe>& recipes() {
  static const std::vector<Recipe> all = {
      {{"A1", 1, 1, 1000, 200, "x ~ U(-pi, pi), y ~ N(sin x, 0.2 |cos 2x|)"},
       [](Random& r, double* x) { x[0] = r.uniform(-M_PI, M_PI); },
       truthSin,
       noisyA1},
      {{"B1", 1, 1, 1000, 200, "x = 1/V, V ~ U(1, 50), y ~ N(sin(1/x), 0.01)"},
       [](Random& r, double* x) { x[0] = reciprocalUniform(r, 1, 50); },
       truthSinInv,
       noisyB1},
      {{"C", 1, 1, 3000, 3000, "x = 1/V, V ~ U(2, 50), y ~ N(sin(1/x), 0.5 x^2)"},
       [](Random& r, double* x) { x[0] = reciprocalUniform(r, 2, 50); },
       truthSinInv,
       noisyC},
      {{"fig4a", 1, 1, 1000, 200, "x ~ U(0, pi/4), y ~ N(sin 8x, |cos 8x|)"},
       [](Random& r, double* x) { x[0] = r.uniform(0, M_PI / 4); },
       truthSin8,
       noisyFig4a},
      {{"appc2", 1, 1, 5000, 1000, "x ~ U(-4, 4), y ~ N(sin x, 0.2 |cos 2x|)"},
       [](Random& r, double* x) { x[0] = r.uniform(-4, 4); },
       truthSin,
       noisyA1},
      {{"appc3", 1, 1, 5000, 1000, "x = 1/V, V ~ U(2, 50), y = sin(1/x) (noise-free)"},
       [](Random& r, double* x) { x[0] = reciprocalUniform(r, 2, 50); },
       truthSinInv,
       noiseFree},
      {{"A2", 2, 1, 7500, 1500,
        "x_i ~ U(-pi, pi), y_i ~ N(sin x_i, 0.1 |cos 2x_i|), y = (y_1 + y_2)/2"},
       [](Random& r, double* x) {
         x[0] = r.uniform(-M_PI, M_PI);
         x[1] = r.uniform(-M_PI, M_PI);
       },
       truthA2,
       noisyA2},
      {{"B2", 2, 1, 50000, 10000,
        "x_i = 1/V_i, V_i ~ U(2, 20), y_i ~ N(sin(1/x_i), 0.01), y = (y_1 + y_2)/2"},
       [](Random& r, double* x) {
         x[0] = reciprocalUniform(r, 2, 20);
         x[1] = reciprocalUniform(r, 2, 20);
       },
       truthB2,
       noisyB2},
      {{"appc4", 2, 2, 40000, 8000,
        "theta ~ U(0, 2pi), phi ~ U(0, pi), y = (Re Y_4^2, Im Y_4^2) (noise-free)"},
       [](Random& r, double* x) {
         x[0] = r.uniform(0, 2 * M_PI);
         x[1] = r.uniform(0, M_PI);
       },
       truthY42,
       noiseFree},
      {{"appc1", 2, kAppc1Grid * kAppc1Grid, 10000, 2000,
        "alpha ~ U(-pi/2, pi/2), beta ~ U(0, 2pi), y = u on the 16 x 16 interior grid of "
        "-Lap u + (u - beta)^2 = (alpha cos x sin y - 1)^2 + 1 on [0,1]^2, u = beta on the "
        "boundary (--grid m: m x m)"},
       [](Random& r, double* x) {
         x[0] = r.uniform(-M_PI / 2, M_PI / 2);
         x[1] = r.uniform(0, 2 * M_PI);
       },
       truthAppc1,
       noiseFree},
  };
  return all;
}

const Recipe& findRecipe(const std::string& name) {
  std::string names;
  for (const auto& r : recipes()) {
    if (std::equal(name.begin(), name.end(), r.info.name.begin(), r.info.name.end(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return r;
    names += (names.empty() ? "" : ", ") + r.info.name;
  }
  throw Error("unknown dataset '" + printable(name) + "' (known: " + names + ")");
}

Dataset draw(const Recipe& recipe, const TruthFunction& truth, int outputs, long n,
             std::uint64_t seed, double noiseScale) {
  const int d = recipe.info.dim, c = outputs;
  Dataset data;
  data.X.resize(n, d);
  data.Y.resize(n, c);
  Random rng(seed);
  // The noisy recipes write y whole (truth plus noise); the noise-free ones take the truth,
  // computed afterwards on all threads (it may be a PDE solve per sample). Either way the
  // random stream is the same as drawing sample by sample.
  const bool noisy = recipe.noisy != noiseFree;
  for (long i = 0; i < n; ++i) {
    recipe.draw(rng, data.X.row(i).data());
    if (noisy) recipe.noisy(rng, data.X.row(i).data(), data.Y.row(i).data(), noiseScale);
  }
  if (!noisy)
    parallelFor(n, [&](long a, long b) {
      for (long i = a; i < b; ++i) truth(data.X.row(i).data(), data.Y.row(i).data());
    });
  if (recipe.info.name == "appc4") {
    data.inputNames = {"theta", "phi"};
    data.outputNames = {"re", "im"};
  } else if (recipe.info.name == "appc1") {
    data.inputNames = {"alpha", "beta"};
    const int m = int(std::lround(std::sqrt(double(c))));
    for (int k = 0; k < m; ++k)
      for (int i = 0; i < m; ++i)
        data.outputNames.push_back("u_" + std::to_string(k) + "_" + std::to_string(i));
  } else {
    data.inputNames = defaultNames("x", d);
    data.outputNames = defaultNames("y", 1);
  }
  data.source = recipe.info.name;
  return data;
}

}  // namespace

const std::vector<GeneratorInfo>& generators() {
  static const std::vector<GeneratorInfo> infos = [] {
    std::vector<GeneratorInfo> v;
    for (const auto& r : recipes()) v.push_back(r.info);
    return v;
  }();
  return infos;
}

const GeneratorInfo& findGenerator(const std::string& name) {
  return findRecipe(name).info;
}

GeneratedData generate(const std::string& name, std::uint64_t seed,
                       const GeneratorOptions& options) {
  const Recipe& recipe = findRecipe(name);
  if (options.trainSize < 0 || options.testSize < 0)
    throw Error("dataset sizes must not be negative");
  if (!(options.noiseScale >= 0) || !std::isfinite(options.noiseScale))
    throw Error("noise scale must be a finite number >= 0");
  const long nTrain = options.trainSize ? options.trainSize : recipe.info.trainSize;
  const long nTest = options.testSize ? options.testSize : recipe.info.testSize;
  GeneratedData g;
  g.info = recipe.info;
  g.truth = recipe.truth;
  if (options.grid != 0) {
    if (recipe.info.name != "appc1") throw Error("the grid size applies to appc1 only");
    if (options.grid < 1 || options.grid > 100)
      throw Error("the appc1 grid must have 1 to 100 points per side");
    g.info.outputs = options.grid * options.grid;
    g.truth = appc1Truth(options.grid);
  }
  // Separate streams so the test set does not change when the training size does.
  g.train = draw(recipe, g.truth, g.info.outputs, nTrain, seed * 2 + 1, options.noiseScale);
  g.test =
      draw(recipe, g.truth, g.info.outputs, nTest, seed * 2 + 0x5eed0000000ULL, options.noiseScale);
  g.train.source = recipe.info.name + " (train)";
  g.test.source = recipe.info.name + " (test)";
  return g;
}

}  // namespace lreg
