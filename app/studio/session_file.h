// The session file (doc/session-format.md): everything LReg Studio needs to carry on where it
// stopped. JSON, format "lreg-studio-session", versioned: the data (a generator's parameters,
// a data file's path, and the data themselves when they are small enough to embed), every
// setting (the fit's options, threads, pace, the views' choices), the current and the best
// model with the iteration count, the loss history, the MLP with its error curve when one
// was trained, and the distance to the best placement found when it was searched. Written
// atomically; a bad file is refused with its name, the line and column (syntax) or the key
// (content) and the problem.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <lreg/engine/mrc_options.h>
#include <lreg/mlp/mlp.h>
#include "app/studio/data_bundle.h"
#include "app/studio/mlp_epoch.h"
#include "app/studio/studio_types.h"
#include "render/field_view_options.h"

namespace lreg::studio {

inline constexpr const char* kSessionFormat = "lreg-studio-session";
inline constexpr int kSessionFormatVersion = 1;
/// Data read from a file are embedded in the session up to this many numbers (inputs and
/// targets of both sets; about 20 MB of text); beyond, the session names the file only.
inline constexpr long kMaxEmbeddedValues = 1'000'000;

/// The window's choices that a session keeps: the 2D/3D view, the loss chart's scale, the MLP
/// panel, the scaling experiment's range.
struct ViewSettings {
  render::FieldViewOptions field;
  bool logScale = false;
  bool mlpPanel = false;
  int mlpEpochs = 300;
  int scalingFrom = 16, scalingTo = 256;

  bool operator==(const ViewSettings&) const = default;
};

struct SessionFile {
  std::string source;  ///< the file it was read from (for messages); empty when made in memory
  DataRequest data;    ///< Kind::Embedded when the file carries the data
  MrcOptions options;
  int threads = 0;  ///< CPU threads (0: every core)
  int paceMs = 0;   ///< pause between sub-steps while running
  ViewSettings view;
  int iteration = 0;  ///< completed MRC iterations of the current model
  ModelPtr current;   ///< the model of the latest fit (null: nothing fitted yet)
  ModelPtr best;      ///< the best model so far (null: nothing fitted yet)
  std::vector<IterationRecord> history;
  std::shared_ptr<const Mlp> mlp;  ///< the trained network (null: none)
  std::vector<MlpEpoch> mlpCurve;
  /// Compare > Find Best Placement's result for these data and this node budget (its model is
  /// not saved); none when it was not run or was dropped.
  std::optional<ReferenceResult> bestPlacement;
};

/// The session as JSON text. `data` is the loaded data set: its generator parameters or file
/// path are written, and file data up to kMaxEmbeddedValues numbers (or data that came embedded)
/// are embedded.
std::string sessionToJson(const SessionFile& session, const DataBundle& data);
/// Reads a session. Throws Error "SOURCE:LINE:COLUMN: problem" for malformed JSON and
/// "SOURCE: key: problem" for content that is missing, of the wrong type, out of range, from a
/// newer version or not a session at all.
SessionFile sessionFromJson(const std::string& text, const std::string& source);

/// sessionToJson written atomically. Throws Error naming `path`.
void writeSession(const std::string& path, const SessionFile& session, const DataBundle& data);
/// Reads and parses `path`. Throws Error naming `path`.
SessionFile readSession(const std::string& path);
/// True when `path` names a session file by its first few kilobytes (its "format"); a model
/// file or anything else is not.
bool looksLikeSession(const std::string& path);

}  // namespace lreg::studio
