#include "app/studio/main_window.h"

#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include "app/studio/about.h"
#include "app/studio/animation_export.h"
#include "app/studio/autosave.h"
#include "app/studio/dataset_panel.h"
#include "app/studio/file_menu.h"
#include "app/studio/frame_pacer.h"
#include "app/studio/history_bar.h"
#include "app/studio/loss_chart.h"
#include "app/studio/mlp_panel.h"
#include "app/studio/model_panel.h"
#include "app/studio/plot_panel.h"
#include "app/studio/scaling_view.h"
#include "app/studio/snapshot_title.h"
#include "app/studio/status_line.h"
#include "app/studio/studio_session.h"
#include "app/studio/transport_bar.h"

namespace lreg::studio {
namespace {

QString number(double v) {
  return QString::number(v, 'g', 4);
}

// A file the window opens when dropped: data (.csv, .npy) or a model or session (.json).
QString droppedFile(const QMimeData* mime) {
  if (!mime || !mime->hasUrls()) return {};
  for (const QUrl& url : mime->urls()) {
    const QString path = url.toLocalFile();
    if (path.isEmpty()) continue;
    if (isDataFile(path.toStdString()) || QFileInfo(path).suffix().toLower() == "json") return path;
  }
  return {};
}

}  // namespace

MainWindow::MainWindow(bool interactive, QWidget* parent)
    : QMainWindow(parent), interactive_(interactive) {
  session_ = new StudioSession(this);
  pacer_ = new FramePacer([this] { present(); }, this);
  setWindowTitle(tr("LReg Studio"));
  setAcceptDrops(true);
  buildLayout();
  fileMenu_ = new FileMenu(*this, *session_);
  buildMenus();
  status_ = new StatusLine(statusBar(), *session_);
  connectSession();
  connectStory();
  modelPanel_->setOptions(session_->options());
  session_->setPace(transport_->pace());
  pushViewSettings();
}

MainWindow::~MainWindow() {
  // The session goes first, while every widget that shows its state still exists.
  disconnect(session_, nullptr, this, nullptr);
  delete session_;
  session_ = nullptr;
}

void MainWindow::buildLayout() {
  datasetPanel_ = new DatasetPanel;
  modelPanel_ = new ModelPanel;
  auto* column = new QWidget;
  auto* columnLayout = new QVBoxLayout(column);
  columnLayout->addWidget(datasetPanel_);
  columnLayout->addWidget(modelPanel_);
  columnLayout->addStretch();
  auto* scroll = new QScrollArea;
  scroll->setWidget(column);
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(270);
  scroll->setMaximumWidth(340);
  scroll->setFrameShape(QFrame::NoFrame);

  plot_ = new PlotPanel;
  historyBar_ = new HistoryBar(session_->snapshots());
  auto* plotColumn = new QWidget;
  auto* plotLayout = new QVBoxLayout(plotColumn);
  plotLayout->setContentsMargins(0, 0, 0, 0);
  plotLayout->setSpacing(0);
  plotLayout->addWidget(plot_, 1);
  plotLayout->addWidget(historyBar_);
  lossChart_ = new LossChart;
  mlpPanel_ = new MlpPanel;
  mlpPanel_->setVisible(false);
  auto* plots = new QSplitter(Qt::Horizontal);  // LReg | the MLP of equal size
  plots->addWidget(plotColumn);
  plots->addWidget(mlpPanel_);
  plots->setChildrenCollapsible(false);
  auto* right = new QSplitter(Qt::Vertical);
  right->addWidget(plots);
  scalingView_ = new ScalingView(session_->scaling());
  bottomTabs_ = new QTabWidget;
  bottomTabs_->setDocumentMode(true);
  bottomTabs_->addTab(lossChart_, tr("Loss"));
  bottomTabs_->addTab(scalingView_, tr("Scaling law"));
  right->addWidget(bottomTabs_);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 1);
  right->setSizes({520, 210});
  right->setChildrenCollapsible(false);

  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(scroll);
  split->addWidget(right);
  split->setStretchFactor(1, 1);
  split->setChildrenCollapsible(false);
  setCentralWidget(buildViews(split));

  transport_ = new TransportBar;
  addToolBar(Qt::TopToolBarArea, transport_);
}

void MainWindow::buildMenus() {
  fileMenu_->build(menuBar()->addMenu(tr("&File")));

  QMenu* run = menuBar()->addMenu(tr("&Run"));
  run->addAction(transport_->runPauseAction());
  run->addAction(transport_->stepAction());
  run->addAction(transport_->subStepAction());
  run->addAction(transport_->resetAction());

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* fit = view->addAction(tr("&Fit Plot to Window"), QKeySequence(Qt::Key_F), plot_,
                                 &PlotPanel::fitView);
  fit->setToolTip(tr("Undo zoom and pan (double-click the plot does the same)"));
  logScaleAction_ = view->addAction(tr("&Log Scale Loss"));
  logScaleAction_->setCheckable(true);
  connect(logScaleAction_, &QAction::toggled, lossChart_, &LossChart::setLogScale);

  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  settings->addAction(tr("&Compute…"), this, &MainWindow::computeSettingsDialog)
      ->setToolTip(tr("Device (auto, CPU, CUDA) and CPU threads"));

  QMenu* compare = menuBar()->addMenu(tr("&Compare"));
  compare->addAction(tr("Train &MLP of Equal Size"), QKeySequence(tr("Ctrl+M")), this, [this] {
    attempt(tr("MLP comparison"), [this] { session_->trainMlp(mlpPanel_->epochs()); });
  });
  compare->addAction(tr("&Convert MLP → LReg"), this,
                     [this] { attempt(tr("MLP comparison"), [this] { session_->convertMlp(); }); });
  compare->addSeparator();
  compare->addAction(tr("Run &Scaling Law"), this, [this] {
    bottomTabs_->setCurrentWidget(scalingView_);
    attempt(tr("Scaling law"), [this] { session_->runScaling(scalingView_->dofs()); });
  });
  compare->addAction(tr("Export Scaling &Figure…"), fileMenu_, &FileMenu::exportScalingDialog);
  compare->addSeparator();
  findBestAction_ = compare->addAction(tr("Find &Best Placement"), this, [this] {
    attempt(tr("Best placement"), [this] { session_->findBestPlacement(); });
  });
  findBestAction_->setToolTip(
      tr("Search the best placement of the fit's nodes for this data in the background "
         "(multi-start, node movement to convergence) and show the fit's distance to it"));
  cancelBestAction_ = compare->addAction(tr("Cancel Best-Placement Search"), session_,
                                         &StudioSession::cancelBestPlacement);
  cancelBestAction_->setEnabled(false);
  compare->addSeparator();
  mlpPanelAction_ = compare->addAction(tr("Show MLP &Panel"));
  mlpPanelAction_->setCheckable(true);
  connect(mlpPanelAction_, &QAction::toggled, this, &MainWindow::setMlpPanelVisible);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&Keys and Mouse"), this, [this] {
    QMessageBox::information(
        this, tr("Keys and mouse"),
        tr("Space  run / pause\nN  step: one MRC iteration\nS  sub-step: one phase\n"
           "R  reset to the initial mesh\nF  fit the plot to the window\n\n"
           "Plot: drag to pan, wheel to zoom, double-click to fit,\n"
           "click a node to show its basis function ψᵢ and coefficient cᵢ.\n"
           "Drop a .csv or .npy (data) or .json (model or session) file on the window to "
           "open it."));
  });
  help->addAction(tr("&About"), this,
                  [this] { QMessageBox::about(this, tr("About LReg Studio"), aboutText()); });
}

void MainWindow::connectSession() {
  StudioSession* s = session_;
  connect(datasetPanel_, &DatasetPanel::generateRequested, s, &StudioSession::loadData);
  connect(datasetPanel_, &DatasetPanel::openFileRequested, fileMenu_, &FileMenu::openDataDialog);
  connect(modelPanel_, &ModelPanel::optionsEdited, this, &MainWindow::onOptionsEdited);
  connect(transport_, &TransportBar::runPauseTriggered, s, &StudioSession::runPause);
  connect(transport_, &TransportBar::stepTriggered, s, &StudioSession::step);
  connect(transport_, &TransportBar::subStepTriggered, s, &StudioSession::subStep);
  connect(transport_, &TransportBar::resetTriggered, s, &StudioSession::reset);
  connect(transport_, &TransportBar::paceChanged, s, &StudioSession::setPace);
  connect(plot_, &PlotPanel::nodeSelected, this, &MainWindow::onNodeSelected);
  connect(historyBar_, &HistoryBar::selectionChanged, pacer_, &FramePacer::schedule);
  connect(plot_, &PlotPanel::viewOptionsChanged, this, &MainWindow::pushViewSettings);
  connect(lossChart_, &LossChart::logScaleChanged, this, [this](bool on) {
    logScaleAction_->setChecked(on);
    pushViewSettings();
  });
  connect(mlpPanel_, &MlpPanel::epochsChanged, this, &MainWindow::pushViewSettings);
  connect(scalingView_, &ScalingView::rangeChanged, this, &MainWindow::pushViewSettings);

  connect(s, &StudioSession::loadFailed, this, [this] {
    datasetPanel_->setLoading(false);
    statusBar()->clearMessage();
  });
  connect(s, &StudioSession::loadStarted, this, [this] {
    datasetPanel_->setLoading(true);
    statusBar()->showMessage(tr("Loading…"));
  });
  connect(s, &StudioSession::sessionFailed, this, [this] {
    datasetPanel_->setLoading(false);
    statusBar()->clearMessage();
  });
  connect(s, &StudioSession::errorOccurred, this, &MainWindow::reportError);
  connect(s, &StudioSession::dataLoaded, this, &MainWindow::onDataLoaded);
  connect(s, &StudioSession::settingsRestored, this, &MainWindow::applySettings);
  connect(s, &StudioSession::sessionOpened, this, [this](const QString& path) {
    statusBar()->showMessage(tr("Session restored from %1").arg(QFileInfo(path).fileName()), 6000);
  });
  connect(s, &StudioSession::engineStarted, this, [this] {
    historyBar_->historyChanged();
    transport_->setEngineReady(true);
    shown_.reset();
    presentNow();
  });
  connect(s, &StudioSession::snapshotAdded, this, [this] {
    historyBar_->historyChanged();
    pacer_->schedule();
  });
  connect(s, &StudioSession::historyChanged, this, [this] { historyChanged_ = true; });
  connect(s, &StudioSession::referenceChanged, this, &MainWindow::showReference);
  connect(s, &StudioSession::engineCommanded, historyBar_, &HistoryBar::goLive);
  connect(s, &StudioSession::runningChanged, this, [this](bool running) {
    transport_->setRunning(running);
    plot_->setDraft(running);
    if (!running) presentNow();  // the last snapshot of a run is always drawn
  });
  connect(s, &StudioSession::runFinished, this, [this] {
    const EngineStatus status = session_->engineStatus();
    if (!status.converged) return;
    // Short: the permanent fields on the right show the errors (the best model's among them).
    QString text = tr("Converged after %1 iterations").arg(status.iteration);
    const LossHistory& history = session_->history();
    if (!history.empty() && history.last().best.iteration >= 0)
      text += tr(" · best model from iteration %1").arg(history.last().best.iteration);
    statusBar()->showMessage(text + tr(" · Step goes on, Reset starts again"), 8000);
  });
  connect(s, &StudioSession::optionsChanged, this,
          [this] { modelPanel_->setOptions(session_->options()); });
  connect(s, &StudioSession::modelOpened, this, &MainWindow::onModelOpened);
  connect(s, &StudioSession::openedModelClosed, this, &MainWindow::backToLiveFit);
  connect(s, &StudioSession::openedModelEvaluated, this, [this](const Metrics& m) {
    statusBar()->showMessage(
        statusBar()->currentMessage() +
        tr(" · on the loaded data: RMSE %1, MAE %2").arg(number(m.rmse), number(m.mae)));
  });
}

// --- from the session ----------------------------------------------------------------------

void MainWindow::onDataLoaded() {
  const DataBundle& data = *session_->data();
  plot_->setData(data);
  datasetPanel_->showData(data);
  datasetPanel_->setLoading(false);
  mlpPanel_->setConvertible(false);
  mlpPanel_->setConversionText({});
  mlpPanel_->plot()->setData(data);
  shown_.reset();
  const QString name = QString::fromStdString(data.name);
  setWindowTitle(tr("LReg Studio — %1").arg(name));
  statusBar()->showMessage(tr("Loaded %1").arg(name), 4000);
}

void MainWindow::onModelOpened(const ModelPtr& model, const QString& name) {
  plot_->showModel(*model, tr("%1 · saved model · D = %2").arg(name).arg(model->dof()));
  const auto method = model->training.find("method");
  statusBar()->showMessage(tr("Showing %1 (D = %2, %3) · Step, Run or Reset returns to the fit")
                               .arg(name)
                               .arg(model->dof())
                               .arg(method == model->training.end()
                                        ? tr("unknown method")
                                        : QString::fromStdString(method->second)));
}

void MainWindow::backToLiveFit() {
  if (const DataPtr data = session_->data()) {
    plot_->setData(*data);
  } else {
    plot_->clearData();
  }
  shown_.reset();
  pacer_->schedule();
}

void MainWindow::onOptionsEdited() {
  const MrcOptions wanted = modelPanel_->options();
  if (!confirmDiscard()) {
    modelPanel_->setOptions(session_->options());  // the model stays
    return;
  }
  try {
    session_->setOptions(wanted);
  } catch (const Error& e) {
    modelPanel_->setOptions(session_->options());
    reportError(tr("Invalid model setting"), QString::fromStdString(e.what()));
  }
}

bool MainWindow::confirmDiscard() {
  if (!interactive_ || !session_->hasTrainedModel()) return true;
  const auto answer = QMessageBox::question(
      this, tr("Discard the trained model?"),
      tr("New model settings restart the fit from the initial mesh: the model trained so far "
         "(iteration %1) will be discarded.\n\nApply the new settings?")
          .arg(session_->latestSnapshot()->iteration),
      QMessageBox::Apply | QMessageBox::Cancel, QMessageBox::Cancel);
  return answer == QMessageBox::Apply;
}

void MainWindow::onNodeSelected(int node) {
  // The panel describes the node in its own view's terms (1D, 2D or 3D).
  status_->setNodeText(node < 0 ? QString() : plot_->nodeText(node));
}

// --- settings ------------------------------------------------------------------------------

void MainWindow::applyComputeSettings(const ComputeSettings& settings) {
  StudioSession::checkComputeSettings(settings);
  ComputeSettings s = settings;
  if (s.device != session_->options().device && !confirmDiscard()) {
    s.device = session_->options().device;  // the threads still apply
  }
  session_->applyComputeSettings(s);
}

void MainWindow::computeSettingsDialog() {
  ComputeSettings s = session_->computeSettings();
  if (!askComputeSettings(this, s)) return;
  attempt(tr("Cannot apply the settings"), [&] {
    applyComputeSettings(s);
    statusBar()->showMessage(
        tr("Device %1 · %2 CPU threads")
            .arg(QString::fromStdString(deviceName(session_->options().device)))
            .arg(threadCount()),
        5000);
  });
}

void MainWindow::pushViewSettings() {
  if (applyingSettings_) return;
  ViewSettings v;
  v.field = plot_->viewOptions();
  v.logScale = lossChart_->logScale();
  v.mlpPanel = mlpPanel_->isVisibleTo(this);
  v.mlpEpochs = mlpPanel_->epochs();
  v.scalingFrom = scalingView_->from();
  v.scalingTo = scalingView_->to();
  session_->setViewSettings(v);
}

void MainWindow::applySettings() {
  applyingSettings_ = true;
  const ViewSettings& v = session_->viewSettings();
  modelPanel_->setOptions(session_->options());
  transport_->setPace(session_->pace());
  plot_->setViewOptions(v.field);
  lossChart_->setLogScale(v.logScale);
  setMlpPanelVisible(v.mlpPanel);
  mlpPanel_->setEpochs(v.mlpEpochs);
  scalingView_->setRange(v.scalingFrom, v.scalingTo);
  applyingSettings_ = false;
}

void MainWindow::setMlpPanelVisible(bool on) {
  mlpPanel_->setVisible(on);
  mlpPanelAction_->setChecked(on);
  pushViewSettings();
}

// --- drawing -------------------------------------------------------------------------------

void MainWindow::presentNow() {
  pacer_->drawNow();
}

void MainWindow::present() {
  if (historyChanged_) {
    lossChart_->setHistory(session_->history());
    if (mlpPanel_->isVisible())
      mlpPanel_->setCurve(session_->mlpTrainer().curve(), session_->bestTestRmse());
    historyChanged_ = false;
  }
  const SnapshotPtr latest = session_->latestSnapshot();
  if (!latest) return;
  // Live: the newest snapshot; scrubbing: the one the history slider selected.
  const SnapshotPtr wanted = historyBar_->isLive() ? latest : historyBar_->selected();
  if (wanted && wanted != shown_ && !session_->openedModel()) {
    // The same title as the snapshot's animation frame; the history bar says where it is.
    const DataPtr data = session_->data();
    const QString title =
        snapshotTitle(data ? QString::fromStdString(data->name) : QString(), *wanted);
    attempt(tr("Cannot show this model"), [&] { plot_->showSnapshot(*wanted, title); });
    shown_ = wanted;
    onNodeSelected(plot_->selectedNode());
  }
  transport_->setPhase(latest->phase, latest->iteration, latest->polishes);
  status_->update();
  emit snapshotShown();
}

void MainWindow::saveFigure(const QString& path, QSize size) {
  plot_->exportFigure(path.toStdString(), size.width(), size.height());
}

int MainWindow::saveAnimation(const AnimationRequest& request,
                              const std::function<bool(int, int)>& progress) {
  AnimationRequest r = request;
  const DataPtr data = session_->data();
  if (r.dataName.isEmpty() && data) r.dataName = QString::fromStdString(data->name);
  // Frames are drawn by the live plot: hold the frames off, then put the view back.
  pacer_->stop();
  struct Restore {
    MainWindow* w;
    ~Restore() {
      w->shown_.reset();
      w->presentNow();
    }
  } restore{this};
  return exportAnimation(*plot_, session_->snapshots(), r, progress);
}

QString MainWindow::statusText() const {
  return status_->text();
}

void MainWindow::reportError(const QString& title, const QString& message) {
  emit errorReported(message);
  if (!interactive_) return;
  QMessageBox box(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
  box.exec();
}

void MainWindow::attempt(const QString& title, const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    reportError(title, QString::fromStdString(e.what()));
  }
}

// --- files ---------------------------------------------------------------------------------

bool MainWindow::offerRestore() {
  const std::vector<CrashedSession> crashed = session_->crashedSessions();
  if (crashed.empty() || !interactive_) return false;
  const CrashedSession& newest = crashed.front();
  const auto answer = QMessageBox::question(
      this, tr("Restore the last session?"),
      tr("LReg Studio did not close normally last time. Its work was saved on %1.\n\n"
         "Restore it (data, settings, models, loss history)?")
          .arg(QLocale().toString(newest.savedAt, QLocale::LongFormat)),
      QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
  if (answer != QMessageBox::Yes) {
    session_->discardCrashed(newest);
    return false;
  }
  session_->restoreCrashed(newest);
  return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!interactive_ || !session_->hasUnsavedChanges() || !session_->hasTrainedModel()) {
    event->accept();
    return;
  }
  const auto answer = QMessageBox::question(
      this, tr("Save the session?"),
      tr("The fit so far is not saved in a session file. Save it before quitting?"),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Cancel) {
    event->ignore();
    return;
  }
  if (answer == QMessageBox::Save) {
    if (!fileMenu_->saveSessionAndWait()) {  // cancelled or failed: stay
      event->ignore();
      return;
    }
  }
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!droppedFile(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QString path = droppedFile(event->mimeData());
  if (path.isEmpty()) return;
  event->acceptProposedAction();
  fileMenu_->openPath(path);
}

}  // namespace lreg::studio
