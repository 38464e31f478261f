// Shared inputs and picture helpers of the GUI tests: a hand-made 1D snapshot (9 nodes on
// sin over [0, 2π]), noisy training points, the true curve, and offscreen rendering to a QImage
// together with the pixel positions of world points.
#pragma once

#include <QColor>
#include <QDir>
#include <QImage>
#include <QString>

#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <lreg/engine/snapshot.h>
#include "render/figure_export.h"
#include "render/plot_style.h"
#include "render/scene1d.h"

namespace gui_test {

inline constexpr double kTwoPi = 6.283185307179586;

/// 9 nodes evenly spread on [0, 1] (raw [0, 2π]), coefficients sin(x) (+ `shift` on node 4),
/// counts on the 8 intervals, node 4 just inserted and node 7 about to be removed.
inline lreg::Snapshot sineSnapshot(double shift = 0.0) {
  lreg::Snapshot s;
  s.iteration = 2;
  s.phase = lreg::Phase::Refine;
  s.dim = 1;
  const int n = 9;
  s.nodes.resize(n, 1);
  s.coefficients.resize(n, 1);
  for (int i = 0; i < n; ++i) {
    s.nodes(i, 0) = i / 8.0;
    s.coefficients(i, 0) = std::sin(kTwoPi * i / 8.0);
  }
  s.coefficients(4, 0) += shift;
  s.simplices.resize(n - 1, 2);
  for (int t = 0; t < n - 1; ++t) s.simplices.row(t) << t, t + 1;
  s.counts.resize(n - 1);
  s.counts << 3, 0, 7, 1, 0, 5, 2, 4;
  s.inserted = {4};
  s.toRemove = {7};
  return s;
}

struct Curve {
  lreg::Vector x, y;
};

/// 200 noisy samples of sin on [0, 2π], fixed seed.
inline Curve sineData() {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> ux(0, kTwoPi);
  std::normal_distribution<double> noise(0, 0.15);
  Curve c{lreg::Vector(200), lreg::Vector(200)};
  for (int i = 0; i < 200; ++i) {
    c.x[i] = ux(rng);
    c.y[i] = std::sin(c.x[i]) + noise(rng);
  }
  return c;
}

inline Curve sineTruth() {
  Curve c{lreg::Vector(400), lreg::Vector(400)};
  for (int i = 0; i < 400; ++i) {
    c.x[i] = kTwoPi * i / 399.0;
    c.y[i] = std::sin(c.x[i]);
  }
  return c;
}

/// A scene with data, truth and the sine snapshot, as the app would set it up.
inline void fillScene(lreg::render::Scene1D& scene, double shift = 0.0) {
  const Curve data = sineData(), truth = sineTruth();
  scene.setDomain(0, kTwoPi);
  scene.setData(data.x, data.y);
  scene.setTruth(truth.x, truth.y);
  scene.setSnapshot(sineSnapshot(shift));
  scene.setTitle("iteration 2 · refine · D = 9");
  scene.setAxisTitles("x", "y");
}

/// Where figures go, so a person can look at them after the run.
inline QString outputPath(const QString& name) {
  const QString dir = QStringLiteral(LREG_GUI_TEST_OUTPUT);
  QDir().mkpath(dir);
  return dir + "/" + name;
}

/// Renders `renderer` offscreen at w x h into the PNG `path` and returns the picture.
inline QImage render(vtkRenderer* renderer, const QString& path, int w, int h) {
  auto window = lreg::render::makeOffscreenWindow(w, h);
  window->AddRenderer(renderer);
  lreg::render::writePng(window, path.toStdString());
  renderer->ReleaseGraphicsResources(window);
  window->RemoveRenderer(renderer);
  window->Finalize();
  return QImage(path).convertToFormat(QImage::Format_RGB32);
}

/// Where the scene drew data point (x, y) in a picture of height h (QImage rows go down).
inline QPoint imagePixel(const lreg::render::Scene1D& scene, double x, double y, int h) {
  const auto p = scene.pixelOf(x, y);
  return QPoint(int(std::lround(p.x)), h - 1 - int(std::lround(p.y)));
}

/// Pixels that differ between two equally sized pictures.
inline long differingPixels(const QImage& a, const QImage& b) {
  if (a.size() != b.size()) return -1;
  long n = 0;
  for (int y = 0; y < a.height(); ++y) {
    for (int x = 0; x < a.width(); ++x) n += a.pixel(x, y) != b.pixel(x, y);
  }
  return n;
}

/// Pixels within `radius` of `center` whose colour is close to `target` (per channel).
inline int pixelsNear(const QImage& image, QPoint center, int radius, QColor target,
                      int tolerance = 40) {
  int n = 0;
  for (int y = center.y() - radius; y <= center.y() + radius; ++y) {
    for (int x = center.x() - radius; x <= center.x() + radius; ++x) {
      if (!image.valid(x, y)) continue;
      const QColor c = image.pixelColor(x, y);
      n += std::abs(c.red() - target.red()) <= tolerance &&
           std::abs(c.green() - target.green()) <= tolerance &&
           std::abs(c.blue() - target.blue()) <= tolerance;
    }
  }
  return n;
}

inline QColor qcolor(lreg::render::Rgb c) {
  return QColor::fromRgbF(float(c.r), float(c.g), float(c.b));
}

/// Number of distinct colours (capped), to tell a real picture from a blank one.
inline int distinctColors(const QImage& image, int cap = 64) {
  std::vector<QRgb> seen;
  for (int y = 0; y < image.height(); y += 2) {
    for (int x = 0; x < image.width(); x += 2) {
      const QRgb c = image.pixel(x, y);
      if (std::find(seen.begin(), seen.end(), c) == seen.end()) {
        seen.push_back(c);
        if (int(seen.size()) >= cap) return cap;
      }
    }
  }
  return int(seen.size());
}

}  // namespace gui_test
