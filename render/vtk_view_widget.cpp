#include "render/vtk_view_widget.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QSurfaceFormat>
#include <QWheelEvent>

#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>

#include "render/plot_interactor_style.h"
#include "render/plot_navigator.h"

namespace lreg::render {

void VtkViewWidget::setDefaultSurfaceFormat() {
  // VTK's OpenGL2 backend needs 3.2 Core. Multisampling is not asked of the context: VTK
  // renders into its own framebuffer and we blit it into Qt's.
  QSurfaceFormat format;
  format.setRenderableType(QSurfaceFormat::OpenGL);
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
  format.setRedBufferSize(8);
  format.setGreenBufferSize(8);
  format.setBlueBufferSize(8);
  format.setAlphaBufferSize(8);
  format.setDepthBufferSize(8);
  format.setStencilBufferSize(0);
  format.setSamples(0);
  QSurfaceFormat::setDefaultFormat(format);
}

bool VtkViewWidget::isSupported() {
  // Qt 6.4's offscreen/minimal platforms can't composite a QOpenGLWidget (crash in rhiFlush).
  const QString platform = qobject_cast<QGuiApplication*>(QCoreApplication::instance())
                               ? QGuiApplication::platformName()
                               : QString::fromLocal8Bit(qgetenv("QT_QPA_PLATFORM"));
  return !(platform.startsWith(QLatin1String("offscreen")) ||
           platform.startsWith(QLatin1String("minimal")));
}

VtkViewWidget::VtkViewWidget(QWidget* parent) : QOpenGLWidget(parent) {
  window_ = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
  // VTK's own framebuffer is multisampled: smooth lines. 4 samples, not 8: headless machines
  // rasterize in software and the view must stay interactive.
  window_->SetMultiSamples(4);
  window_->SetFrameBlitModeToNoBlit();   // paintGL blits into Qt's framebuffer itself
  window_->SetReadyForRendering(false);  // until initializeGL has a context
  renderer_ = vtkSmartPointer<vtkRenderer>::New();
  renderer_->SetBackground(1, 1, 1);
  window_->AddRenderer(renderer_);

  interactor_ = vtkSmartPointer<vtkGenericRenderWindowInteractor>::New();
  interactor_->SetRenderWindow(window_);
  style_ = vtkSmartPointer<PlotInteractorStyle>::New();
  interactor_->SetInteractorStyle(style_);

  for (unsigned long event : {vtkCommand::WindowMakeCurrentEvent, vtkCommand::WindowIsCurrentEvent,
                              vtkCommand::WindowFrameEvent}) {
    observers_.push_back(window_->AddObserver(event, this, &VtkViewWidget::onWindowEvent));
  }
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(120, 80);
}

VtkViewWidget::~VtkViewWidget() {
  // Order matters (else a segfault at exit): stop listening to the context, free VTK's GL
  // objects while the context is still alive, then drop the observers.
  if (context()) disconnect(context(), &QOpenGLContext::aboutToBeDestroyed, this, nullptr);
  releaseGL();
  for (unsigned long id : observers_) window_->RemoveObserver(id);
}

vtkRenderer* VtkViewWidget::renderer() const {
  return renderer_;
}

vtkGenericOpenGLRenderWindow* VtkViewWidget::renderWindow() const {
  return window_;
}

void VtkViewWidget::releaseGL() {
  if (!initialized_) return;
  makeCurrent();
  window_->Finalize();
  window_->SetReadyForRendering(false);
  doneCurrent();
  initialized_ = false;
}

void VtkViewWidget::setNavigator(PlotNavigator* navigator) {
  style_->setNavigator(navigator);
}

void VtkViewWidget::resetView() {
  if (style_->navigator()) style_->navigator()->resetView();
  renderLater();
  emit viewReset();
}

void VtkViewWidget::renderLater() {
  framePending_ = false;  // whatever VTK drew last is stale now
  update();
}

void VtkViewWidget::onWindowEvent(vtkObject*, unsigned long event, void* data) {
  switch (event) {
    case vtkCommand::WindowMakeCurrentEvent:
      // Only when needed: makeCurrent() also binds Qt's framebuffer, which mid-render would
      // leave VTK drawing into the wrong target (a black view).
      if (QOpenGLContext::currentContext() != context()) makeCurrent();
      break;
    case vtkCommand::WindowIsCurrentEvent:
      *static_cast<bool*>(data) = context() && QOpenGLContext::currentContext() == context();
      break;
    case vtkCommand::WindowFrameEvent:
      // VTK finished a frame on its own (interaction): Qt only needs to blit it.
      if (!inPaint_) {
        framePending_ = true;
        update();
      }
      break;
  }
}

void VtkViewWidget::initializeGL() {
  // A new context (first show, or after re-parenting): re-create VTK's GL objects in it.
  connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &VtkViewWidget::releaseGL,
          Qt::UniqueConnection);
  window_->SetOwnContext(0);
  window_->SetForceMaximumHardwareLineWidth(1);  // wide lines via VTK's shader, not GL
  window_->SetReadyForRendering(true);
  window_->InitializeFromCurrentContext();
  interactor_->Initialize();
  initialized_ = true;
}

void VtkViewWidget::resizeGL(int w, int h) {
  const double ratio = devicePixelRatioF();
  interactor_->UpdateSize(static_cast<int>(w * ratio), static_cast<int>(h * ratio));
}

void VtkViewWidget::paintGL() {
  if (!initialized_) return;
  // Render unless VTK just did (mouse interaction renders through the interactor, then asks
  // for a paint): rendering on every paint keeps the picture in step with the scene.
  if (!framePending_) {
    inPaint_ = true;
    window_->Render();
    inPaint_ = false;
  }
  framePending_ = false;

  // Copy VTK's display framebuffer into the widget's framebuffer.
  QOpenGLExtraFunctions* f = context()->extraFunctions();
  const int w = static_cast<int>(width() * devicePixelRatioF());
  const int h = static_cast<int>(height() * devicePixelRatioF());
  f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
  const GLenum buffer = GL_COLOR_ATTACHMENT0;
  f->glDrawBuffers(1, &buffer);
  window_->GetState()->vtkglDisable(GL_SCISSOR_TEST);  // scissor would clip the blit
  f->glDisable(GL_SCISSOR_TEST);
  const int* size = window_->GetRenderFramebuffer()->GetLastSize();
  window_->BlitDisplayFramebuffer(0, 0, 0, size[0], size[1], 0, 0, w, h, GL_COLOR_BUFFER_BIT,
                                  GL_LINEAR);

  // VTK leaves alpha 0 where the background is: force 1, or Qt composes the view transparent.
  GLboolean mask[4];
  f->glGetBooleanv(GL_COLOR_WRITEMASK, mask);
  GLfloat clear[4];
  f->glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
  f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
  f->glClearColor(0, 0, 0, 1);
  f->glViewport(0, 0, w, h);
  f->glClear(GL_COLOR_BUFFER_BIT);
  f->glColorMask(mask[0], mask[1], mask[2], mask[3]);
  f->glClearColor(clear[0], clear[1], clear[2], clear[3]);
}

void VtkViewWidget::setEventInfo(const QPointF& pos, Qt::KeyboardModifiers modifiers) {
  const double ratio = devicePixelRatioF();
  interactor_->SetEventInformationFlipY(
      static_cast<int>(pos.x() * ratio), static_cast<int>(pos.y() * ratio),
      (modifiers & Qt::ControlModifier) ? 1 : 0, (modifiers & Qt::ShiftModifier) ? 1 : 0);
  interactor_->SetAltKey((modifiers & Qt::AltModifier) ? 1 : 0);
}

QPointF VtkViewWidget::displayPixel(const QPointF& pos) const {
  const double ratio = devicePixelRatioF();
  return {pos.x() * ratio, (height() - pos.y()) * ratio - 1};
}

namespace {

// VTK's press and release events for a Qt mouse button; none (0) for the buttons VTK lacks.
struct ButtonEvents {
  unsigned long press = 0, release = 0;
};
ButtonEvents vtkButtonEvents(Qt::MouseButton button) {
  switch (button) {
    case Qt::LeftButton:
      return {vtkCommand::LeftButtonPressEvent, vtkCommand::LeftButtonReleaseEvent};
    case Qt::MiddleButton:
      return {vtkCommand::MiddleButtonPressEvent, vtkCommand::MiddleButtonReleaseEvent};
    case Qt::RightButton:
      return {vtkCommand::RightButtonPressEvent, vtkCommand::RightButtonReleaseEvent};
    default:
      return {};
  }
}

}  // namespace

void VtkViewWidget::mousePressEvent(QMouseEvent* event) {
  if (!initialized_) return;
  setEventInfo(event->position(), event->modifiers());
  if (event->button() == Qt::LeftButton) {
    pressed_ = true;
    pressPos_ = event->position().toPoint();
  }
  if (const unsigned long e = vtkButtonEvents(event->button()).press) interactor_->InvokeEvent(e);
}

void VtkViewWidget::mouseMoveEvent(QMouseEvent* event) {
  if (!initialized_) return;
  setEventInfo(event->position(), event->modifiers());
  interactor_->InvokeEvent(vtkCommand::MouseMoveEvent);
}

void VtkViewWidget::mouseReleaseEvent(QMouseEvent* event) {
  if (!initialized_) return;
  setEventInfo(event->position(), event->modifiers());
  if (const unsigned long e = vtkButtonEvents(event->button()).release) interactor_->InvokeEvent(e);
  if (event->button() != Qt::LeftButton) return;
  // A click is a press and release a few pixels apart at most; anything longer was a pan.
  const bool click = pressed_ && (event->position().toPoint() - pressPos_).manhattanLength() <= 3;
  pressed_ = false;
  if (!click) return;
  const QPointF pixel = displayPixel(event->position());
  double x = 0, y = 0;
  if (PlotNavigator* navigator = style_->navigator()) {
    if (!navigator->dataAt(pixel.x(), pixel.y(), x, y)) return;
  } else {
    renderer_->SetDisplayPoint(pixel.x(), pixel.y(), 0);
    renderer_->DisplayToWorld();
    double world[4];
    renderer_->GetWorldPoint(world);
    if (world[3] == 0) return;
    x = world[0] / world[3];
    y = world[1] / world[3];
  }
  emit clicked(x, y, pixel);
}

void VtkViewWidget::mouseDoubleClickEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) resetView();
}

void VtkViewWidget::wheelEvent(QWheelEvent* event) {
  if (!initialized_) return;
  setEventInfo(event->position(), event->modifiers());
  const int delta = event->angleDelta().y();
  if (delta > 0) interactor_->InvokeEvent(vtkCommand::MouseWheelForwardEvent);
  if (delta < 0) interactor_->InvokeEvent(vtkCommand::MouseWheelBackwardEvent);
  event->accept();
}

void VtkViewWidget::keyPressEvent(QKeyEvent* event) {
  // VTK's one-letter commands (wireframe, quit, ...) are not forwarded; only reset is ours.
  if (event->key() == Qt::Key_R && event->modifiers() == Qt::NoModifier) {
    resetView();
    return;
  }
  QOpenGLWidget::keyPressEvent(event);
}

}  // namespace lreg::render
