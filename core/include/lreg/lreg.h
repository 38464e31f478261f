// The whole public API of the LReg engine in one include. Finer-grained headers live beside it
// (<lreg/engine/mrc_engine.h>, <lreg/io/csv.h>, ...); shapes are written "#N by d".
#pragma once

#include <lreg/base/communicator.h>
#include <lreg/base/error.h>
#include <lreg/base/number_text.h>
#include <lreg/base/parallel.h>
#include <lreg/base/random.h>
#include <lreg/base/types.h>
#include <lreg/connect/connection.h>
#include <lreg/connect/connection_data.h>
#include <lreg/connect/connection_files.h>
#include <lreg/connect/connection_trainer.h>
#include <lreg/data/dataset.h>
#include <lreg/data/generators.h>
#include <lreg/data/metrics.h>
#include <lreg/data/normalizer.h>
#include <lreg/engine/backend.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/engine/mrc_options.h>
#include <lreg/engine/node_trails.h>
#include <lreg/engine/phase.h>
#include <lreg/engine/reference_report.h>
#include <lreg/engine/scaling.h>
#include <lreg/engine/snapshot.h>
#include <lreg/engine/training_data.h>
#include <lreg/io/csv.h>
#include <lreg/io/idx.h>
#include <lreg/io/npy.h>
#include <lreg/io/vtu_export.h>
#include <lreg/mlp/mlp.h>
#include <lreg/mlp/mlp_convert.h>
#include <lreg/model/model.h>
#include <lreg/model/model_io.h>
#include <lreg/version.h>
