// The training samples as the MRC engines use them: the placement sample the loop places nodes
// on, the same rows on every process (every sample when there are few), and, when it is not
// every sample, the passes over all of them that refit the final mesh. With MPI this is where
// a fit becomes data-parallel: the loop's decisions come from identical data on every rank, and
// every pass over all the data sums per rank and then over the ranks.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <lreg/data/normalizer.h>
#include <lreg/engine/mrc_options.h>
#include <lreg/engine/training_data.h>
#include "1d/samples1d.h"
#include "engine/full_passes.h"

namespace lreg::detail {

struct TrainingSet {
  long size = 0;  ///< every sample, over all processes
  int dim = 1, outputs = 1;
  std::vector<std::string> inputNames, outputNames;
  std::string source;
  Normalizer normalizer;  ///< the range of every sample
  /// The placement sample in the unit domain: sorted by x in 1D, rows in 2D/3D.
  Samples1D sorted;          ///< d = 1
  RowMatrix unitX, Y;        ///< d = 2, 3
  Eigen::RowVectorXd meanY;  ///< mean target of the placement rows (the starting coefficients)
  std::shared_ptr<const FullPasses> full;  ///< null when the placement sample is every sample
  Communicator* comm = &serialCommunicator();

  /// One pass over the data (every process its share): the input range, and the rows the
  /// placement sample is drawn from, gathered on every process in row order. With at most
  /// max(placementSamples, 64 D) samples that is all of them. Otherwise rows are kept by a hash
  /// of their global index (so the choice depends on neither the process count nor the layout):
  /// in 1D about 16 times the limit, sorted, then an even stride of `limit` samples (the
  /// sorted stride keeps the data's density; below 32 times the limit every row is kept, the
  /// stride of all samples); in 2D/3D about `limit` rows. Collective.
  static TrainingSet make(const TrainingData& data, const MrcOptions& options);
};

}  // namespace lreg::detail
