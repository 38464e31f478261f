// Model files (every kind the format knows): any text gives either an lreg::Error or a valid
// model that survives a write/read round trip (the same file text) and predicts finite values.
#include <lreg/io/json.h>
#include <lreg/model/model_io.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // The JSON layer on its own: what parses, dumps and parses back to the same text.
  try {
    const lreg::Json j = lreg::Json::parse(text, "fuzz.json");
    const std::string once = j.dump();
    fuzz::require(lreg::Json::parse(once, "dump").dump() == once, "JSON dump is not stable");
  } catch (const lreg::Error& e) {
    fuzz::checkMessage(e);
  }
  lreg::AnyModel any;
  try {
    any = lreg::anyModelFromJson(text, "fuzz.json");
  } catch (const lreg::Error& e) {
    fuzz::checkMessage(e);
    return 0;
  }
  if (const auto* c = std::get_if<lreg::ConnectionModel>(&any)) {
    c->validate();
    const std::string once = lreg::connectionToJson(*c);
    const lreg::ConnectionModel back = lreg::connectionFromJson(once, "round trip");
    fuzz::require(lreg::connectionToJson(back) == once, "connection file changed in a round trip");
    lreg::RowMatrix X = lreg::RowMatrix::Constant(2, c->inputs(), 1e300);
    X.row(1).setConstant(-1e300);  // sigmoid saturates: still a finite correction
    fuzz::require(c->correction(X).allFinite(), "non-finite connection correction");
    return 0;
  }
  const lreg::Model& m = std::get<lreg::Model>(any);
  m.validate();  // must not throw for a model that loaded
  const std::string once = lreg::modelToJson(m);
  const lreg::Model back = lreg::modelFromJson(once, "round trip");
  fuzz::require(lreg::modelToJson(back) == once, "model file changed in a round trip");
  lreg::RowMatrix X = lreg::RowMatrix::Constant(3, m.dim, 0.5);
  X(1, 0) = -1e300;  // far outside the box: the model is constant there
  X(2, 0) = 1e300;
  fuzz::require(m.predict(X).allFinite(), "non-finite prediction");
  return 0;
}
