// Export helpers of the File menu and the headless mode: the figure's pixel size dialog, the
// window's picture as a PNG, and the file-dialog filters.
#pragma once

#include <QSize>
#include <QString>

class QImage;
class QWidget;

namespace lreg::studio {

inline const char* kFigureFilter = "PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)";
inline const char* kModelFilter = "LReg model (*.json)";
inline const char* kCsvFilter = "CSV file (*.csv)";
inline const char* kDataFilter = "Data (*.csv *.npy);;CSV file (*.csv);;NumPy array (*.npy)";
inline const char* kSessionFilter = "LReg Studio session (*.lreg-session.json *.json)";
inline const char* kVtuFilter = "VTK unstructured grid (*.vtu)";
inline const char* kScalingFigureFilter = "PNG image (*.png);;SVG drawing (*.svg)";

/// Asks for a PNG's width and height (starting from `size`); false when cancelled.
bool askFigureSize(QWidget* parent, QSize& size);
/// askFigureSize when `path` names a PNG (vector figures have no pixel size): true otherwise.
bool askPngSize(QWidget* parent, const QString& path, QSize& size);

/// Grabs `window` (OpenGL children included) and writes it to `path` as a PNG of exactly
/// `size` pixels (scaled if the window could not take that size). Throws Error naming the path.
void saveWindowPicture(QWidget* window, const QString& path, QSize size);

/// Writes `image` as a PNG, atomically (a temporary file renamed over `path`). Throws Error
/// naming the path.
void writeImage(const QImage& image, const QString& path);

/// `path` with `extension` (".png") appended when it has none of the given ones.
QString withExtension(const QString& path, const QString& selectedFilter);

/// A save-file dialog over `parent` starting at `name`: the path chosen, with the selected
/// filter's extension when it has none (withExtension); empty when cancelled.
QString askSavePath(QWidget* parent, const QString& title, const QString& name,
                    const QString& filters);
/// A figure export's questions: where (askSavePath) and, for a PNG, how large (askPngSize,
/// from `size`). Empty when cancelled.
QString askFigurePath(QWidget* parent, const QString& title, const QString& name,
                      const QString& filters, QSize& size);

}  // namespace lreg::studio
