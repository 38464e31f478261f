// LReg Studio's session files (app/studio/session_file, Qt-free): any text gives either an
// lreg::Error or a session whose models are valid and that survives a write/read round trip:
// the text written for it reads back, and writing that again gives the same text, with its
// loss history, MLP and best placement.
#include <lreg/model/model.h>

#include "app/studio/session_file.h"
#include "fuzz_input.h"

namespace {

using lreg::studio::DataBundle;
using lreg::studio::DataRequest;

// The loaded data the app would save the session with. A data file is not read (the path is
// the fuzzer's): it stands for a small file, so the text written embeds that file's data.
DataBundle bundleFor(const DataRequest& r) {
  DataBundle b;
  b.request = r;
  switch (r.kind) {
    case DataRequest::Kind::Generator:
      b.name = r.generator;
      break;
    case DataRequest::Kind::Embedded:
      b.train = *r.train;
      if (r.test) b.test = *r.test;
      b.name = r.name;
      break;
    case DataRequest::Kind::File:
      b.train.X = lreg::RowMatrix::Constant(2, 1, 0.25);
      b.train.X(1, 0) = 0.75;
      b.train.Y = lreg::RowMatrix::Constant(2, 1, -1.5);
      b.train.inputNames = {"x"};
      b.train.outputNames = {"y"};
      b.name = "file.csv";
      break;
  }
  return b;
}

std::string written(const lreg::studio::SessionFile& s) {
  return lreg::studio::sessionToJson(s, bundleFor(s.data));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  lreg::studio::SessionFile s;
  try {
    s = lreg::studio::sessionFromJson(text, "fuzz.lreg-session");
  } catch (const lreg::Error& e) {
    fuzz::checkMessage(e);
    return 0;
  }
  if (s.current) s.current->validate();  // must not throw for a session that loaded
  if (s.best) s.best->validate();
  fuzz::require(!s.best || s.current, "a best model without a current one");
  const std::string once = written(s);
  lreg::studio::SessionFile back;
  try {
    back = lreg::studio::sessionFromJson(once, "round trip");
  } catch (const lreg::Error& e) {
    fuzz::finding(std::string("a session as written does not read back: ") + e.what());
  }
  fuzz::require(written(back) == once, "session file changed in a round trip");
  fuzz::require(back.history.size() == s.history.size(), "loss history lost in a round trip");
  fuzz::require(bool(back.mlp) == bool(s.mlp), "MLP lost in a round trip");
  fuzz::require(back.bestPlacement.has_value() == s.bestPlacement.has_value() &&
                    (!s.bestPlacement ||
                     (back.bestPlacement->referenceRmse == s.bestPlacement->referenceRmse &&
                      back.bestPlacement->fittedRmse == s.bestPlacement->fittedRmse &&
                      back.bestPlacement->dof == s.bestPlacement->dof &&
                      back.bestPlacement->onTest == s.bestPlacement->onTest)),
                "best placement changed in a round trip");
  return 0;
}
