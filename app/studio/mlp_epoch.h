// One point of the MLP's error curve (the MLP panel's chart, saved in sessions).
#pragma once

namespace lreg::studio {

/// The errors of the network after an epoch (testRmse is NaN without a test set).
struct MlpEpoch {
  int epoch = 0;
  double trainRmse = 0;
  double testRmse = 0;
};

}  // namespace lreg::studio
