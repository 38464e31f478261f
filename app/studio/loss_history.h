// The errors of every fit since the engine started (one IterationRecord per Train sub-step),
// and their CSV form for "Export loss history".
#pragma once

#include <string>
#include <vector>

#include "app/studio/studio_types.h"

namespace lreg::studio {

class LossHistory {
 public:
  void clear() { records_.clear(); }
  /// Adds a record; one for an iteration already present replaces it (e.g. after a reset).
  void add(const IterationRecord& record);
  const std::vector<IterationRecord>& records() const { return records_; }
  bool empty() const { return records_.empty(); }
  const IterationRecord& last() const { return records_.back(); }

  /// Header "iteration,dof,train_mae,train_rmse,train_r2,test_mae,test_rmse,test_r2,seconds",
  /// then one row per fit (test columns empty without a test set).
  std::string csv() const;
  /// Writes csv() atomically; throws Error naming the path.
  void save(const std::string& path) const;

 private:
  std::vector<IterationRecord> records_;
};

}  // namespace lreg::studio
