// The model file: JSON, format "lreg-model", documented in doc/model-format.md.
#pragma once

#include <string>

#include <lreg/model/model.h>

namespace lreg {

constexpr int kModelFormatVersion = 1;

/// Writes atomically (temporary file beside `path`, then rename). Throws Error on I/O failure.
void saveModel(const Model& model, const std::string& path);
/// Reads and validates; a truncated, foreign or newer-version file throws Error naming the file.
Model loadModel(const std::string& path);

std::string modelToJson(const Model& model);
Model modelFromJson(const std::string& text, const std::string& sourceName);

}  // namespace lreg
