#include <cstdio>
#include <iostream>
#include <sstream>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/engine/scaling.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include "app/cli/commands.h"
#include "app/cli/report.h"

namespace lreg::cli {

namespace {

struct ScalingArgs {
  std::string train, test, dofs = "16,32,64,128";
  MrcOptions options;
  int targets = 1, threads = 0;
  bool json = false;
};

std::vector<int> parseDofs(const std::string& text) {
  std::vector<int> dofs;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ','))
    dofs.push_back(int(app::parseWhole("--dofs", item, 2, 10'000'000)));
  if (dofs.size() < 2) throw UsageError("--dofs needs at least two budgets for a slope");
  return dofs;
}

int runScaling(const ScalingArgs& a) {
  if (a.test.empty()) throw UsageError("'lreg scaling' needs --test TEST.csv");
  setThreadCount(a.threads);
  const std::vector<int> dofs = parseDofs(a.dofs);
  const Dataset train = readData(a.train, a.targets, 2);
  const Dataset test = readData(a.test, a.targets, 1);
  if (test.dim() != train.dim())
    throw Error(a.test + ": has " + std::to_string(test.dim()) +
                " input columns, the training set " + std::to_string(train.dim()));
  MrcOptions o = a.options;
  applyDevice(o, false);
  const std::vector<ScalingPoint> points =
      lreg::runScaling(train, test, dofs, o, [&](const ScalingPoint& p) {
        if (!a.json) std::cerr << "dof " << p.dof << ": test MAE " << p.test.mae << "\n";
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
  if (a.json) {
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

}  // namespace

std::function<int()> defineScaling(CLI::App& app) {
  auto a = std::make_shared<ScalingArgs>();
  app.add_option("TRAIN.csv", a->train)->required();
  app::addPath(app, "--test", a->test, "test set (required)");
  app.add_option("--dofs", a->dofs,
                 "comma-separated node budgets, at least two (default 16,32,64,128)")
      ->type_name("LIST");
  app::addWhole(app, "--iterations", a->options.iterations, "K",
                "MRC iteration budget per fit (default 40)");
  app::addWhole(app, "--targets", a->targets, "C", "number of target columns (default 1)", 1);
  app::addSeed(app, a->options.seed, "random seed (default 1)");
  app::addThreads(app, a->threads);
  app::addDevice(app, a->options.device);
  app.add_flag("--json", a->json,
               "print {\"rows\": [{\"dof\", \"simplices\", \"test\": {\"mae\", \"rmse\"}}], "
               "\"slope\": s}");
  return [a] { return runScaling(*a); };
}

}  // namespace lreg::cli
