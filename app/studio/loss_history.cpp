#include "app/studio/loss_history.h"

#include <lreg/base/atomic_file.h>
#include <lreg/base/number_text.h>

namespace lreg::studio {
namespace {

// Enough digits that the CSV keeps what the fit measured.
std::string number(double v) {
  return significant(v, 10);
}

}  // namespace

void LossHistory::add(const IterationRecord& record) {
  while (!records_.empty() && records_.back().iteration >= record.iteration) records_.pop_back();
  records_.push_back(record);
}

std::string LossHistory::csv() const {
  std::string out =
      "iteration,dof,train_mae,train_rmse,train_r2,test_mae,test_rmse,test_r2,seconds\n";
  for (const IterationRecord& r : records_) {
    out += std::to_string(r.iteration) + "," + std::to_string(r.dof) + "," + number(r.train.mae) +
           "," + number(r.train.rmse) + "," + number(r.train.r2) + ",";
    if (r.hasTest) {
      out += number(r.test.mae) + "," + number(r.test.rmse) + "," + number(r.test.r2);
    } else {
      out += ",,";
    }
    out += "," + number(r.seconds) + "\n";
  }
  return out;
}

void LossHistory::save(const std::string& path) const {
  writeFileAtomically(path, csv());
}

}  // namespace lreg::studio
