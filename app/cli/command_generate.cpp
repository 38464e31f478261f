#include <filesystem>
#include <iostream>

#include <lreg/base/error.h>
#include <lreg/data/generators.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include "app/cli/commands.h"

namespace lreg::cli {

const CommandSpec kGenerateSpec = {
    "generate",
    "lreg generate NAME --out DIR [--seed S] [options]",
    "Writes DIR/train.csv and DIR/test.csv drawn from one of the paper's data sets\n"
    "(A1, B1, C, fig4a, appc2, appc3, A2, B2, appc4; case-insensitive). NAME list lists them.",
    {"NAME"},
    {{"out", "DIR", "folder for train.csv and test.csv (created if missing)"},
     {"seed", "S", "random seed (default 1)"},
     {"train-size", "N", "training samples (default: the paper's)"},
     {"test-size", "M", "test samples (default: the paper's)"},
     {"noise-scale", "s", "multiplies the noise standard deviation (default 1; 0 = noise-free)"},
     {"npy", "", "write train.npy and test.npy (float64) instead of CSV"}},
};

int runGenerate(const Arguments& args) {
  if (args.positional(0) == "list") {
    for (const auto& g : generators())
      std::cout << g.name << "\t" << g.dim << "D -> " << g.outputs << "\t" << g.trainSize << "/"
                << g.testSize << "\t" << g.description << "\n";
    return 0;
  }
  if (!args.has("out")) throw UsageError{"'lreg generate' needs --out DIR"};
  GeneratorOptions options;
  options.trainSize = args.integer("train-size", 0);
  options.testSize = args.integer("test-size", 0);
  options.noiseScale = args.real("noise-scale", 1.0);
  if (options.trainSize < 0 || options.testSize < 0) throw UsageError{"sizes must be positive"};
  const long seed = args.integer("seed", 1);
  if (seed < 0) throw UsageError{"--seed must be >= 0"};
  const GeneratedData g = generate(args.positional(0), std::uint64_t(seed), options);
  const std::filesystem::path dir(args.text("out"));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(dir.string() + ": cannot create folder (" + ec.message() + ")");
  if (args.flag("npy")) {
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

}  // namespace lreg::cli
