#include "render/figure_export.h"

#include <vtkGL2PSExporter.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>
#include "render/scene1d.h"

// Last: Xlib's macros (None, Status, ...) must not meet other headers.
#include <X11/Xlib.h>

namespace lreg::render {
namespace fs = std::filesystem;
namespace {

// Fails early, with the path in the message, when the file can't be created (missing folder,
// no permission): VTK's writers only print a warning in that case.
void checkWritable(const std::string& path) {
  const fs::path p(path);
  std::error_code ec;
  if (p.has_parent_path() && !fs::is_directory(p.parent_path(), ec)) {
    throw Error(path + ": cannot write the figure: folder " + p.parent_path().string() +
                " does not exist");
  }
  const bool existed = fs::exists(p, ec);
  std::ofstream probe(path, std::ios::binary | std::ios::app);
  if (!probe) throw Error(path + ": cannot write the figure: permission denied or not a file");
  probe.close();
  if (!existed) fs::remove(p, ec);
}

void checkWritten(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) == 0) {
    throw Error(path + ": writing the figure failed");
  }
}

// One X connection for every offscreen window of the process, opened on first use and kept.
Display* sharedDisplay() {
  static Display* const display = XOpenDisplay(nullptr);
  return display;
}

}  // namespace

vtkSmartPointer<vtkRenderWindow> makeOffscreenWindow(int width, int height) {
  Display* display = sharedDisplay();
  if (!display) {
    const char* name = std::getenv("DISPLAY");
    throw Error(std::string("offscreen rendering needs an X server and none answers at DISPLAY=") +
                (name ? name : "(unset)") + "; run under xvfb-run -a");
  }
  auto window = vtkSmartPointer<vtkRenderWindow>::New();
  window->SetDisplayId(display);  // not owned by the window: it stays open after Finalize()
  window->SetOffScreenRendering(true);
  window->SetMultiSamples(8);  // smooth lines and dots
  window->SetSize(width, height);
  return window;
}

FigureFormat figureFormatFor(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".png") return FigureFormat::Png;
  if (ext == ".pdf") return FigureFormat::Pdf;
  if (ext == ".svg") return FigureFormat::Svg;
  if (ext == ".eps") return FigureFormat::Eps;
  throw Error(path + ": unknown figure format '" + ext + "' (use .png, .pdf, .svg or .eps)");
}

void writePng(vtkRenderWindow* window, const std::string& path) {
  checkWritable(path);
  window->Render();
  vtkNew<vtkWindowToImageFilter> grab;
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();  // the back buffer holds the frame just rendered
  grab->Update();
  vtkNew<vtkPNGWriter> writer;
  writer->SetInputConnection(grab->GetOutputPort());
  replaceFileAtomically(path, [&](const std::string& temporary) {
    writer->SetFileName(temporary.c_str());
    writer->Write();
    if (writer->GetErrorCode() != 0) throw Error(path + ": writing the PNG failed");
  });
  checkWritten(path);
}

void writeVector(vtkRenderWindow* window, const std::string& path, FigureFormat format) {
  checkWritable(path);
  // GL2PS appends its own extension to a prefix: write next to the target, then rename.
  const fs::path target(path);
  const fs::path prefix = target.parent_path() / (target.stem().string() + ".lreg-export-tmp");
  vtkNew<vtkGL2PSExporter> exporter;
  exporter->SetRenderWindow(window);
  exporter->SetFilePrefix(prefix.string().c_str());
  // Compressed streams inside the PDF; SVG and EPS stay plain text (compressing those would
  // gzip the whole file).
  exporter->SetCompress(format == FigureFormat::Pdf);
  exporter->SetSortToOff();  // keep the painting order: the plot is flat, later is on top
  exporter->DrawBackgroundOn();
  exporter->TextAsPathOff();
  exporter->SetLineWidthFactor(1.0f);  // widths as in the PNG (GL2PS thins them by default)
  exporter->SetPointSizeFactor(1.0f);
  exporter->SilentOn();
  exporter->SetTitle(target.filename().string().c_str());
  const char* ext = ".pdf";
  switch (format) {
    case FigureFormat::Pdf:
      exporter->SetFileFormatToPDF();
      break;
    case FigureFormat::Svg:
      exporter->SetFileFormatToSVG();
      ext = ".svg";
      break;
    case FigureFormat::Eps:
      exporter->SetFileFormatToEPS();
      ext = ".eps";
      break;
    case FigureFormat::Png:
      throw Error(path + ": PNG is not a vector format");
  }
  window->Render();
  replaceFileAtomically(path, [&](const std::string& temporary) {
    exporter->Write();
    const fs::path written = prefix.string() + ext;
    std::error_code ec;
    if (!fs::is_regular_file(written, ec)) throw Error(path + ": writing the vector figure failed");
    fs::rename(written, temporary, ec);
    if (ec) {
      fs::remove(written, ec);
      throw Error(path + ": cannot write the figure: " + ec.message());
    }
  });
  checkWritten(path);
}

void exportFigure(vtkRenderer* renderer, const std::string& path, int width, int height) {
  if (width < 16 || height < 16 || width > 16384 || height > 16384) {
    throw Error(path + ": figure size " + std::to_string(width) + "x" + std::to_string(height) +
                " is out of range (16 to 16384 pixels a side)");
  }
  const FigureFormat format = figureFormatFor(path);
  if (renderer->GetRenderWindow()) {
    // Moving it into our window would take it (and its GL resources) away from its view.
    throw Error(path + ": the renderer belongs to a window; export a copy (exportScene)");
  }
  checkWritable(path);
  vtkSmartPointer<vtkRenderWindow> window = makeOffscreenWindow(width, height);
  window->AddRenderer(renderer);
  // Release the renderer's GL resources with the window, whatever happens while writing.
  struct Detach {
    vtkRenderWindow* window;
    vtkRenderer* renderer;
    ~Detach() {
      renderer->ReleaseGraphicsResources(window);
      window->RemoveRenderer(renderer);
      window->Finalize();
    }
  } detach{window, renderer};
  if (format == FigureFormat::Png) {
    writePng(window, path);
  } else {
    writeVector(window, path, format);
  }
}

void exportScene(const Scene1D& scene, const std::string& path, int width, int height) {
  vtkNew<vtkRenderer> renderer;
  Scene1D copy(renderer);
  copy.copyFrom(scene);
  exportFigure(renderer, path, width, height);
}

}  // namespace lreg::render
