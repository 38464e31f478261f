#include <filesystem>
#include <iostream>

#include <lreg/base/error.h>
#include <lreg/data/generators.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include "app/cli/commands.h"

namespace lreg::cli {

namespace {

struct GenerateArgs {
  std::string name, out;
  std::uint64_t seed = 1;
  GeneratorOptions options;
  bool npy = false;
};

int runGenerate(const GenerateArgs& a) {
  if (a.name == "list") {
    for (const auto& g : generators())
      std::cout << g.name << "\t" << g.dim << "D -> " << g.outputs << "\t" << g.trainSize << "/"
                << g.testSize << "\t" << g.description << "\n";
    return 0;
  }
  if (a.out.empty()) throw UsageError("'lreg generate' needs --out DIR");
  const GeneratedData g = generate(a.name, a.seed, a.options);
  const std::filesystem::path dir(a.out);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(dir.string() + ": cannot create folder (" + ec.message() + ")");
  if (a.npy) {
    writeNpy((dir / "train.npy").string(), g.train);
    writeNpy((dir / "test.npy").string(), g.test);
  } else {
    writeCsv((dir / "train.csv").string(), g.train);
    writeCsv((dir / "test.csv").string(), g.test);
  }
  std::cerr << g.info.name << ": wrote " << g.train.size() << " training and " << g.test.size()
            << " test samples to " << dir.string() << "\n";
  return 0;
}

}  // namespace

std::function<int()> defineGenerate(CLI::App& app) {
  auto a = std::make_shared<GenerateArgs>();
  GeneratorOptions& o = a->options;
  app.add_option("NAME", a->name)->required();
  app::addPath(app, "--out", a->out, "folder for train.csv and test.csv (created if missing)",
               "DIR");
  app::addSeed(app, a->seed, "random seed (default 1)");
  // Up to 10^9 samples: 8 GB a column, beyond any use here.
  app::addWhole(app, "--train-size", o.trainSize, "N", "training samples (default: the paper's)",
                0L, 1'000'000'000L);
  app::addWhole(app, "--test-size", o.testSize, "M", "test samples (default: the paper's)", 0L,
                1'000'000'000L);
  app::addReal(app, "--noise-scale", o.noiseScale, "s",
               "multiplies the noise standard deviation (default 1; 0 = noise-free)", 0.0);
  app::addWhole(app, "--grid", o.grid, "M",
                "appc1: M x M interior grid points, M^2 outputs (default 16)", 0, 100);
  app.add_flag("--npy", a->npy, "write train.npy and test.npy (float64) instead of CSV");
  return [a] { return runGenerate(*a); };
}

}  // namespace lreg::cli
