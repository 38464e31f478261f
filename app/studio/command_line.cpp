#include "app/studio/command_line.h"

#include <cstdlib>
#include <filesystem>
#include <map>

#include <lreg/base/error.h>
#include <lreg/data/generators.h>

namespace lreg::studio {
namespace {

long toInteger(const std::string& option, const std::string& value, long lo) {
  char* end = nullptr;
  const long v = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || v < lo) {
    throw Error(option + " needs a whole number >= " + std::to_string(lo) + ", not '" + value +
                "'");
  }
  return v;
}

double toReal(const std::string& option, const std::string& value) {
  char* end = nullptr;
  const double v = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !(v >= 0)) {
    throw Error(option + " needs a number >= 0, not '" + value + "'");
  }
  return v;
}

std::string lowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

std::string usageText() {
  return "usage: lreg-studio [--dataset NAME | --data FILE.csv | FILE.csv] [options]\n"
         "\n"
         "LReg Studio: watch and step the mesh refinement-coarsening loop of the Lagrange\n"
         "regressor live. Without --screenshot/--model-out it opens the window.\n"
         "\n"
         "data:\n"
         "  --dataset NAME        a generated data set (A1, B1, C, fig4a, appc2, appc3; any case)\n"
         "  --data FILE.csv       a CSV file: header, then x,y rows\n"
         "  --points N            training points of the generated set (default: the paper's)\n"
         "  --noise s             noise scale of the generated set (default 1)\n"
         "  --seed S              seed of the generated set (default 1)\n"
         "model:\n"
         "  --dof D               node budget (default 64)\n"
         "  --fit lstsq|adam      fit method (default lstsq)\n"
         "  --iterations K        iteration budget; headless: run exactly K iterations\n"
         "headless (for scripts; needs an X server, e.g. xvfb-run):\n"
         "  --screenshot FILE.png write the window's picture after the run\n"
         "  --model-out FILE.json write the best model (lreg's JSON model format)\n"
         "  --size WxH            window (and picture) size, default 1280x800\n"
         "\n"
         "  --help, --version\n";
}

StudioCommand parseCommandLine(const std::vector<std::string>& args) {
  StudioCommand c;
  std::map<std::string, std::string> values;
  static const char* kWithValue[] = {"dataset",    "data", "points",   "noise",
                                     "seed",       "dof",  "fit",      "iterations",
                                     "screenshot", "size", "model-out"};
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      c.help = true;
      continue;
    }
    if (a == "--version") {
      c.version = true;
      continue;
    }
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    const size_t eq = name.find('=');
    bool inlineValue = eq != std::string::npos;
    if (inlineValue) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    bool known = false;
    for (const char* k : kWithValue) known = known || name == k;
    if (!known) throw Error("unknown option --" + name + " (see --help)");
    if (!inlineValue) {
      if (i + 1 >= args.size()) throw Error("--" + name + " needs a value");
      value = args[++i];
    }
    values[name] = value;
  }
  if (c.help || c.version) return c;

  if (values.count("dataset") + values.count("data") + (positional.empty() ? 0 : 1) > 1) {
    throw Error("give one data source: --dataset NAME, --data FILE.csv or a CSV path");
  }
  if (positional.size() > 1) throw Error("unexpected argument '" + positional[1] + "'");
  if (values.count("dataset")) {
    const GeneratorInfo& info = findGenerator(values["dataset"]);  // throws naming the known ones
    DataRequest r = DataRequest::generated(info.name);
    if (values.count("points")) r.trainSize = toInteger("--points", values["points"], 2);
    if (values.count("noise")) r.noiseScale = toReal("--noise", values["noise"]);
    if (values.count("seed")) r.seed = std::uint64_t(toInteger("--seed", values["seed"], 0));
    c.data = r;
  } else if (values.count("data") || !positional.empty()) {
    c.data = DataRequest::csv(values.count("data") ? values["data"] : positional[0]);
  }
  if (!values.count("dataset")) {
    for (const char* k : {"points", "noise", "seed"}) {
      if (values.count(k)) throw Error(std::string("--") + k + " goes with --dataset NAME");
    }
  }
  if (values.count("dof")) c.options.dof = int(toInteger("--dof", values["dof"], 2));
  if (values.count("fit")) c.options.fit = parseFitMethod(values["fit"]);
  if (values.count("iterations")) {
    c.iterations = int(toInteger("--iterations", values["iterations"], 0));
    c.options.iterations = std::max(1, c.iterations);
  }
  if (values.count("screenshot")) {
    c.screenshot = values["screenshot"];
    if (lowerExtension(c.screenshot) != ".png") {
      throw Error("--screenshot writes a PNG: give a path ending in .png, not '" + c.screenshot +
                  "'");
    }
  }
  if (values.count("model-out")) c.modelOut = values["model-out"];
  if (values.count("size")) {
    const std::string& s = values["size"];
    const size_t x = s.find_first_of("xX");
    if (x == std::string::npos)
      throw Error("--size needs WIDTHxHEIGHT, e.g. 1280x800, not '" + s + "'");
    c.width = int(toInteger("--size", s.substr(0, x), 320));
    c.height = int(toInteger("--size", s.substr(x + 1), 240));
    if (c.width > 8192 || c.height > 8192) throw Error("--size is limited to 8192x8192");
    c.sizeGiven = true;
  }
  if (c.headless() && !c.data) {
    throw Error(
        "headless mode (--screenshot/--model-out) needs data: --dataset NAME or --data FILE.csv");
  }
  return c;
}

}  // namespace lreg::studio
