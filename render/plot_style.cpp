#include "render/plot_style.h"

#include <vtkBrush.h>
#include <vtkContext2D.h>
#include <vtkMarkerUtilities.h>
#include <vtkPen.h>
#include <vtkStdString.h>
#include <vtkTextProperty.h>

#include <cmath>
#include <filesystem>
#include <string>

namespace lreg::render {
namespace {

bool isFile(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

// VTK's built-in Arial has no Greek glyphs; DejaVu Sans (fonts-dejavu-core, which fontconfig
// pulls in on Debian) does. Empty when missing: labels then fall back to Arial and ASCII.
const std::string& greekFontPath() {
  static const std::string path = [] {
    for (const char* candidate : {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                  "/usr/share/fonts/TTF/DejaVuSans.ttf"}) {
      if (isFile(candidate)) return std::string(candidate);
    }
    return std::string();
  }();
  return path;
}

}  // namespace

bool haveGreekFont() {
  return !greekFontPath().empty();
}

void styleText(vtkTextProperty* text, double sizePx, Rgb rgb, bool bold) {
  if (haveGreekFont()) {
    // A font file has no bold switch: use DejaVuSans-Bold.ttf next to it when asked.
    std::string file = greekFontPath();
    const std::string boldFile = file.substr(0, file.size() - 4) + "-Bold.ttf";
    if (bold && isFile(boldFile)) file = boldFile;
    text->SetFontFamily(VTK_FONT_FILE);
    text->SetFontFile(file.c_str());
  } else {
    text->SetFontFamilyToArial();
    text->SetBold(bold);
  }
  text->SetFontSize(static_cast<int>(sizePx + 0.5));
  text->SetColor(rgb.r, rgb.g, rgb.b);
  text->SetOpacity(1.0);
  text->SetItalic(false);
  text->SetShadow(false);
  text->SetOrientation(0);
  // An opaque background (all labels sit on white): without it VTK's text textures leave a faint
  // line under the glyphs at some font sizes.
  text->SetBackgroundColor(color::kBackground.r, color::kBackground.g, color::kBackground.b);
  text->SetBackgroundOpacity(1);
  text->SetFrame(false);
  text->SetJustificationToLeft();
  text->SetVerticalJustificationToBottom();
}

void setPen(vtkContext2D* painter, Rgb rgb, double widthPx) {
  vtkPen* pen = painter->GetPen();
  if (widthPx <= 0) {
    pen->SetLineType(vtkPen::NO_PEN);
    return;
  }
  pen->SetLineType(vtkPen::SOLID_LINE);
  pen->SetColorF(rgb.r, rgb.g, rgb.b);
  pen->SetOpacity(255);
  pen->SetWidth(static_cast<float>(widthPx));
}

void setBrush(vtkContext2D* painter, Rgb rgb) {
  painter->GetBrush()->SetColorF(rgb.r, rgb.g, rgb.b);
  painter->GetBrush()->SetOpacity(255);
}

void fillRect(vtkContext2D* painter, Rgb rgb, double x0, double y0, double x1, double y1) {
  if (x1 <= x0 || y1 <= y0) return;
  setPen(painter, rgb, 0);
  setBrush(painter, rgb);
  painter->DrawRect(static_cast<float>(x0), static_cast<float>(y0), static_cast<float>(x1 - x0),
                    static_cast<float>(y1 - y0));
}

void drawPolyline(vtkContext2D* painter, std::vector<float>& xy, Rgb rgb, double widthPx) {
  if (xy.size() < 4) return;
  setPen(painter, rgb, widthPx);
  painter->DrawPoly(xy.data(), static_cast<int>(xy.size() / 2));
}

void drawDots(vtkContext2D* painter, std::vector<float>& xy, Rgb rgb, double sizePx) {
  if (xy.empty()) return;
  // Point sprites: one draw call for all the dots (GL2PS exports still get true circles). A
  // circle per dot was one draw call per dot, and Mesa's software OpenGL (llvmpipe, the usual
  // renderer without a GPU) did not give back about 32 bytes per draw call: with a few thousand
  // data dots the app grew by ~100 KB per frame (found by test_studio_soak with heaptrack).
  setPen(painter, rgb, sizePx);  // a marker's diameter is the pen width
  setBrush(painter, rgb);
  painter->DrawMarkers(vtkMarkerUtilities::CIRCLE, false, xy.data(),
                       static_cast<int>(xy.size() / 2));
}

void drawText(vtkContext2D* painter, double x, double y, const std::string& text) {
  painter->DrawString(static_cast<float>(std::round(x)), static_cast<float>(std::round(y)),
                      vtkStdString(text));
}

std::string axisTitle(const std::string& name, size_t maxChars) {
  size_t chars = 0, cut = std::string::npos;
  for (size_t i = 0; i < name.size(); ++i) {
    if ((static_cast<unsigned char>(name[i]) & 0xC0) == 0x80) continue;  // inside a code point
    if (chars == maxChars - 3) cut = i;  // where the ellipsis goes, if one is needed
    if (++chars > maxChars) return name.substr(0, cut) + "...";
  }
  return name;
}

}  // namespace lreg::render
