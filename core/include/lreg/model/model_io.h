// The model file: JSON, format "lreg-model", documented in doc/model-format.md. Two kinds: a
// mesh model (Model, kind "mesh") and an LReg connection (ConnectionModel, kind "connection").
#pragma once

#include <string>
#include <variant>

#include <lreg/connect/connection.h>
#include <lreg/model/model.h>

namespace lreg {

/// 2 added "kind" (and the connection kind); version 1 files are mesh models and still load.
constexpr int kModelFormatVersion = 2;

/// Writes atomically (temporary file beside `path`, then rename). Throws Error on I/O failure.
void saveModel(const Model& model, const std::string& path);
/// Reads and validates; a truncated, foreign or newer-version file, or a connection model,
/// throws Error naming the file.
Model loadModel(const std::string& path);

std::string modelToJson(const Model& model);
Model modelFromJson(const std::string& text, const std::string& sourceName);

/// The same for connection models (kind "connection").
void saveConnection(const ConnectionModel& model, const std::string& path);
ConnectionModel loadConnection(const std::string& path);
std::string connectionToJson(const ConnectionModel& model);
ConnectionModel connectionFromJson(const std::string& text, const std::string& sourceName);

/// A model file of either kind (for commands that accept both).
using AnyModel = std::variant<Model, ConnectionModel>;
AnyModel loadAnyModel(const std::string& path);
AnyModel anyModelFromJson(const std::string& text, const std::string& sourceName);

}  // namespace lreg
