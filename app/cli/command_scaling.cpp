#include <cstdio>
#include <iostream>
#include <sstream>

#include <lreg/base/error.h>
#include <lreg/engine/scaling.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include "app/cli/commands.h"
#include "app/cli/report.h"

namespace lreg::cli {

const CommandSpec kScalingSpec = {
    "scaling",
    "lreg scaling TRAIN.csv --test TEST.csv --dofs 16,32,64 [--json]",
    "Fits each node budget to convergence and reports test MAE and RMSE against the number\n"
    "of nodes, with the fitted log-log slope of test MAE against dof (the paper's Figure 3).",
    {"TRAIN.csv"},
    {{"test", "FILE", "test set (required)"},
     {"dofs", "LIST", "comma-separated node budgets, at least two (default 16,32,64,128)"},
     {"iterations", "K", "MRC iteration budget per fit (default 40)"},
     {"targets", "C", "number of target columns (default 1)"},
     {"seed", "S", "random seed (default 1)"},
     {"threads", "N", "worker threads for the data passes (default: all cores)"},
     {"device", "DEV", "auto (default: CUDA when usable), cpu or cuda"},
     {"json", "",
      "print {\"rows\": [{\"dof\", \"simplices\", \"test\": {\"mae\", \"rmse\"}}], "
      "\"slope\": s}"}},
};

namespace {

std::vector<int> parseDofs(const std::string& text) {
  std::vector<int> dofs;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    char* end = nullptr;
    const long v = std::strtol(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || v < 2 || v > 10'000'000)
      throw UsageError{"--dofs expects node budgets >= 2 separated by commas, got '" + text + "'"};
    dofs.push_back(int(v));
  }
  if (dofs.size() < 2) throw UsageError{"--dofs needs at least two budgets for a slope"};
  return dofs;
}

}  // namespace

int runScaling(const Arguments& args) {
  if (!args.has("test")) throw UsageError{"'lreg scaling' needs --test TEST.csv"};
  const int targets = int(args.integer("targets", 1));
  if (targets < 1) throw UsageError{"--targets must be >= 1"};
  const std::vector<int> dofs = parseDofs(args.text("dofs", "16,32,64,128"));
  const Dataset train = readData(args.positional(0), targets, 2);
  const Dataset test = readData(args.text("test"), targets, 1);
  if (test.dim() != train.dim())
    throw Error(args.text("test") + ": has " + std::to_string(test.dim()) +
                " input columns, the training set " + std::to_string(train.dim()));
  MrcOptions o;
  o.iterations = int(args.integer("iterations", o.iterations));
  o.seed = std::uint64_t(std::max(0L, args.integer("seed", 1)));
  applyDevice(args, o);
  const std::vector<ScalingPoint> points =
      lreg::runScaling(train, test, dofs, o, [&](const ScalingPoint& p) {
        if (!args.flag("json")) std::cerr << "dof " << p.dof << ": test MAE " << p.test.mae << "\n";
      });
  Json rows = Json::makeArray();
  for (const ScalingPoint& p : points) {
    Json row = Json::makeObject();
    row.set("dof", p.dof);
    row.set("simplices", p.simplices);
    row.set("test", Json::Object{{"mae", p.test.mae}, {"rmse", p.test.rmse}});
    rows.push(std::move(row));
  }
  const double slope = scalingSlope(points);
  if (args.flag("json")) {
    Json j = Json::makeObject();
    j.set("rows", std::move(rows));
    j.set("slope", slope);
    std::cout << j.dump() << std::endl;
    return 0;
  }
  std::printf("%10s %10s %14s %14s\n", "dof", "simplices", "test MAE", "test RMSE");
  for (const auto& r : rows.array())
    std::printf("%10d %10d %14.6g %14.6g\n", int(r.at("dof").number()),
                int(r.at("simplices").number()), r.at("test").at("mae").number(),
                r.at("test").at("rmse").number());
  std::printf(
      "slope of log(test MAE) vs log(dof): %.3f (paper: -1/d = %.3f; P1 theory: -2/d = %.3f)\n",
      slope, -1.0 / train.dim(), -2.0 / train.dim());
  return 0;
}

}  // namespace lreg::cli
