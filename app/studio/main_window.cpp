#include "app/studio/main_window.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QThread>
#include <QVBoxLayout>

#include <lreg/base/error.h>
#include "app/studio/about.h"
#include "app/studio/dataset_panel.h"
#include "app/studio/engine_worker.h"
#include "app/studio/history_bar.h"
#include "app/studio/loss_chart.h"
#include "app/studio/mlp_panel.h"
#include "app/studio/model_panel.h"
#include "app/studio/plot_panel.h"
#include "app/studio/resources.h"
#include "app/studio/scaling_view.h"
#include "app/studio/snapshot_title.h"
#include "app/studio/transport_bar.h"
#include "render/scene1d.h"

namespace lreg::studio {
namespace {

constexpr int kFrameMs = 33;  // at most ~30 drawn snapshots per second

QString number(double v) {
  return QString::number(v, 'g', 4);
}

QString duration(double seconds) {
  return seconds < 1 ? QStringLiteral("%1 ms").arg(seconds * 1000, 0, 'f', 1)
                     : QStringLiteral("%1 s").arg(seconds, 0, 'f', 2);
}

}  // namespace

MainWindow::MainWindow(bool interactive, QWidget* parent)
    : QMainWindow(parent), interactive_(interactive) {
  registerStudioTypes();
  setWindowTitle(tr("LReg Studio"));
  setAcceptDrops(true);
  buildLayout();
  buildMenus();
  buildStatusBar();
  connectWorker();
  buildMlpStory();

  frameTimer_.setSingleShot(true);
  connect(&frameTimer_, &QTimer::timeout, this, &MainWindow::present);
  sinceFrame_.start();
  lastDir_ = QDir::currentPath();
  modelPanel_->setOptions(options_);
  emit requestPace(transport_->pace());
}

MainWindow::~MainWindow() {
  // The worker finishes the sub-step it is in (if any), then its thread ends.
  thread_->quit();
  thread_->wait();
  delete worker_;
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
  historyBar_ = new HistoryBar(snapshots_);
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
  scalingView_ = new ScalingView;
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
  setCentralWidget(split);

  transport_ = new TransportBar;
  addToolBar(Qt::TopToolBarArea, transport_);

  connect(datasetPanel_, &DatasetPanel::generateRequested, this, &MainWindow::loadData);
  connect(datasetPanel_, &DatasetPanel::openCsvRequested, this, &MainWindow::openCsvDialog);
  connect(modelPanel_, &ModelPanel::optionsEdited, this, &MainWindow::onOptionsEdited);
  connect(transport_, &TransportBar::runPauseTriggered, this, &MainWindow::runPause);
  connect(transport_, &TransportBar::stepTriggered, this, &MainWindow::stepIteration);
  connect(transport_, &TransportBar::subStepTriggered, this, &MainWindow::subStep);
  connect(transport_, &TransportBar::resetTriggered, this, &MainWindow::resetEngine);
  connect(transport_, &TransportBar::paceChanged, this, &MainWindow::requestPace);
  connect(plot_, &PlotPanel::nodeSelected, this, &MainWindow::onNodeSelected);
  connect(historyBar_, &HistoryBar::selectionChanged, this, &MainWindow::scheduleFrame);
  connect(scalingView_, &ScalingView::failed, this,
          [this](const QString& message) { reportError(tr("Scaling law"), message); });
  connect(scalingView_, &ScalingView::finished, this, &MainWindow::scalingFinished);
  // The view's own Run button uses the data and options of the moment.
  connect(bottomTabs_, &QTabWidget::currentChanged, this,
          [this] { scalingView_->setInputs(data_, options_); });
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("Open &CSV…"), QKeySequence::Open, this, &MainWindow::openCsvDialog);
  file->addAction(tr("Open &Model…"), QKeySequence(tr("Ctrl+Shift+O")), this,
                  &MainWindow::openModelDialog);
  file->addMenu(sampleMenu(this, [this](const DataRequest& r) { loadData(r); }));
  file->addSeparator();
  file->addAction(tr("Export &Figure…"), QKeySequence(tr("Ctrl+E")), this,
                  &MainWindow::exportFigureDialog);
  file->addAction(tr("Export Mo&del…"), QKeySequence::Save, this, &MainWindow::exportModelDialog);
  file->addAction(tr("Export &Loss History…"), QKeySequence(tr("Ctrl+L")), this,
                  &MainWindow::exportLossDialog);
  file->addAction(tr("Export &Animation…"), this, &MainWindow::exportAnimationDialog)
      ->setToolTip(tr("Every snapshot of the history as numbered PNG frames"));
  file->addAction(tr("Export Mesh (.&vtu)…"), this, &MainWindow::exportMeshDialog)
      ->setToolTip(tr("The best model's mesh, fit and residuals for ParaView"));
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* run = menuBar()->addMenu(tr("&Run"));
  run->addAction(transport_->runPauseAction());
  run->addAction(transport_->stepAction());
  run->addAction(transport_->subStepAction());
  run->addAction(transport_->resetAction());

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* fit = view->addAction(tr("&Fit Plot to Window"), QKeySequence(Qt::Key_F), this,
                                 &MainWindow::fitView);
  fit->setToolTip(tr("Undo zoom and pan (double-click the plot does the same)"));
  QAction* log = view->addAction(tr("&Log Scale Loss"));
  log->setCheckable(true);
  connect(log, &QAction::toggled, lossChart_, &LossChart::setLogScale);

  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  settings->addAction(tr("&Compute…"), this, &MainWindow::computeSettingsDialog)
      ->setToolTip(tr("Device (auto, CPU, CUDA) and CPU threads"));

  QMenu* compare = menuBar()->addMenu(tr("&Compare"));
  compare->addAction(tr("Train &MLP of Equal Size"), QKeySequence(tr("Ctrl+M")), this,
                     [this] { mlpAction([this] { trainMlp(mlpPanel_->epochs()); }); });
  compare->addAction(tr("&Convert MLP → LReg"), this,
                     [this] { mlpAction([this] { convertMlpToLreg(); }); });
  compare->addSeparator();
  compare->addAction(tr("Run &Scaling Law"), this, [this] {
    try {
      runScalingLaw();
    } catch (const Error& e) {
      reportError(tr("Scaling law"), QString::fromStdString(e.what()));
    }
  });
  compare->addAction(tr("Export Scaling &Figure…"), this, &MainWindow::exportScalingDialog);
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
           "Drop a .csv (data) or .json (model) file on the window to open it."));
  });
  help->addAction(tr("&About"), this,
                  [this] { QMessageBox::about(this, tr("About LReg Studio"), aboutText()); });
}

void MainWindow::buildStatusBar() {
  statusIteration_ = new QLabel;
  statusPhase_ = new QLabel;
  statusDof_ = new QLabel;
  statusLoss_ = new QLabel;
  statusTime_ = new QLabel;
  statusNode_ = new QLabel;
  statusNode_->setStyleSheet("color: #7a2fb0;");
  statusBar()->addWidget(statusNode_, 1);
  for (QLabel* l : {statusIteration_, statusPhase_, statusDof_, statusLoss_, statusTime_}) {
    l->setContentsMargins(6, 0, 6, 0);
    statusBar()->addPermanentWidget(l);
  }
  updateStatus();
}

void MainWindow::connectWorker() {
  thread_ = new QThread(this);
  thread_->setObjectName("lreg-engine");
  worker_ = new EngineWorker;
  worker_->moveToThread(thread_);
  connect(this, &MainWindow::requestLoad, worker_, &EngineWorker::load);
  connect(this, &MainWindow::requestConfigure, worker_, &EngineWorker::configure);
  connect(this, &MainWindow::requestReset, worker_, &EngineWorker::reset);
  connect(this, &MainWindow::requestStartFrom, worker_, &EngineWorker::startFrom);
  connect(this, &MainWindow::requestRun, worker_, &EngineWorker::run);
  connect(this, &MainWindow::requestPause, worker_, &EngineWorker::pause);
  connect(this, &MainWindow::requestStep, worker_, &EngineWorker::stepIteration);
  connect(this, &MainWindow::requestSubStep, worker_, &EngineWorker::subStep);
  connect(this, &MainWindow::requestPace, worker_, &EngineWorker::setPace);
  connect(worker_, &EngineWorker::started, this, &MainWindow::onStarted);
  connect(worker_, &EngineWorker::loadFailed, this, &MainWindow::onLoadFailed);
  connect(worker_, &EngineWorker::failed, this,
          [this](const QString& message) { reportError(tr("The engine stopped"), message); });
  connect(worker_, &EngineWorker::snapshotReady, this, &MainWindow::onSnapshot);
  connect(worker_, &EngineWorker::iterationFinished, this, &MainWindow::onIteration);
  connect(worker_, &EngineWorker::bestModelChanged, this, [this](ModelPtr m) { best_ = m; });
  connect(worker_, &EngineWorker::runningChanged, this, &MainWindow::onRunning);
  connect(worker_, &EngineWorker::runFinished, this, &MainWindow::onRunFinished);
  thread_->start();
}

// --- commands ----------------------------------------------------------------------------

void MainWindow::loadData(const DataRequest& request) {
  datasetPanel_->setLoading(true);
  statusBar()->showMessage(tr("Loading…"));
  emit requestLoad(request, options_);
}

void MainWindow::openCsv(const QString& path) {
  lastDir_ = QFileInfo(path).absolutePath();
  loadData(DataRequest::csv(path.toStdString()));
}

void MainWindow::setOptions(const MrcOptions& options) {
  options_ = options;
  modelPanel_->setOptions(options);
  emit requestConfigure(options_);
}

void MainWindow::leaveModelView() {
  if (!modelView_) return;
  modelView_ = false;
  if (data_) {
    plot_->setData(*data_);
  } else {
    plot_->clearData();
  }
  shown_.reset();
  scheduleFrame();
}

void MainWindow::runPause() {
  if (!data_) return;
  if (running_) {
    emit requestPause();
    return;
  }
  leaveModelView();
  historyBar_->goLive();
  emit requestRun(-1);
}

void MainWindow::runToIteration(int k) {
  if (!data_) return;
  leaveModelView();
  historyBar_->goLive();
  emit requestRun(k);
}

void MainWindow::stepIteration() {
  if (!data_) return;
  leaveModelView();
  historyBar_->goLive();
  emit requestStep();
}

void MainWindow::subStep() {
  if (!data_) return;
  leaveModelView();
  historyBar_->goLive();
  emit requestSubStep();
}

void MainWindow::resetEngine() {
  if (!data_) return;
  leaveModelView();
  historyBar_->goLive();
  emit requestReset();
}

void MainWindow::fitView() {
  plot_->fitView();
}

EngineStatus MainWindow::engineStatus() const {
  return worker_->status();
}

bool MainWindow::hasTrainedModel() const {
  return latest_ && (latest_->iteration > 0 || latest_->phase != Phase::Initial);
}

// --- from the worker -----------------------------------------------------------------------

void MainWindow::onStarted(DataPtr data, SnapshotPtr initial) {
  const bool newData = data != data_;
  data_ = std::move(data);
  history_.clear();
  historyChanged_ = true;
  best_.reset();
  latest_ = std::move(initial);
  snapshots_.clear();
  snapshots_.add(latest_);
  historyBar_->historyChanged();
  if (newData || modelView_) {
    modelView_ = false;
    plot_->setData(*data_);
    datasetPanel_->showData(*data_);
    datasetPanel_->setLoading(false);
    // An MLP of other data can't be converted for this one.
    mlpTrainer_->cancel();
    mlpPanel_->setConvertible(false);
    mlpPanel_->setConversionText({});
    mlpPanel_->plot()->setData(*data_);
    setWindowTitle(tr("LReg Studio — %1").arg(QString::fromStdString(data_->name)));
    statusBar()->showMessage(tr("Loaded %1").arg(QString::fromStdString(data_->name)), 4000);
  }
  transport_->setEngineReady(true);
  presentNow();
  if (newData) emit dataLoaded();
}

void MainWindow::onLoadFailed(const QString& message) {
  datasetPanel_->setLoading(false);
  statusBar()->clearMessage();
  reportError(tr("Cannot open the data"), message);
  emit loadFailed(message);
}

void MainWindow::onSnapshot(SnapshotPtr snapshot) {
  latest_ = std::move(snapshot);
  snapshots_.add(latest_);
  historyBar_->historyChanged();
  scheduleFrame();
}

void MainWindow::onIteration(const IterationRecord& record) {
  history_.add(record);
  historyChanged_ = true;
}

void MainWindow::onRunning(bool running) {
  running_ = running;
  transport_->setRunning(running);
  plot_->setDraft(running);
  if (!running) presentNow();  // the last snapshot of a run is always drawn
}

void MainWindow::onRunFinished() {
  const EngineStatus s = engineStatus();
  if (s.converged) {
    statusBar()->showMessage(
        tr("Converged after %1 iterations (budget or no further improvement) · Step goes on, "
           "Reset starts again")
            .arg(s.iteration),
        8000);
  }
  emit runFinished();
}

void MainWindow::onOptionsEdited() {
  if (!applyOptions(modelPanel_->options())) modelPanel_->setOptions(options_);
}

bool MainWindow::applyOptions(const MrcOptions& wanted) {
  if (data_) {
    try {
      wanted.validate(long(data_->train.size()));
    } catch (const Error& e) {
      reportError(tr("Invalid model setting"), QString::fromStdString(e.what()));
      return false;
    }
  }
  if (interactive_ && hasTrainedModel()) {
    const auto answer = QMessageBox::question(
        this, tr("Discard the trained model?"),
        tr("New model settings restart the fit from the initial mesh: the model trained so far "
           "(iteration %1) will be discarded.\n\nApply the new settings?")
            .arg(latest_->iteration),
        QMessageBox::Apply | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Apply) return false;  // the model stays
  }
  options_ = wanted;
  modelPanel_->setOptions(options_);
  leaveModelView();
  emit requestConfigure(options_);
  return true;
}

void MainWindow::onNodeSelected(int node) {
  // The panel describes the node in its own view's terms (1D, 2D or 3D).
  statusNode_->setText(node < 0 ? QString() : plot_->nodeText(node));
}

// --- drawing -----------------------------------------------------------------------------

void MainWindow::scheduleFrame() {
  if (frameTimer_.isActive()) return;  // a frame is due: it will draw the latest snapshot
  // At most ~30 frames a second, and never more than about half of the UI thread's time: with
  // software OpenGL one frame of a big plot can cost tens of milliseconds.
  const double cost = lastFrameMs_;
  const qint64 interval = std::max<qint64>(kFrameMs, qint64(2 * cost));
  frameTimer_.start(std::max<qint64>(0, interval - sinceFrame_.elapsed()));
}

void MainWindow::presentNow() {
  frameTimer_.stop();
  present();
}

void MainWindow::present() {
  sinceFrame_.restart();
  QElapsedTimer clock;
  clock.start();
  if (historyChanged_) {
    lossChart_->setHistory(history_);
    if (mlpPanel_->isVisible()) mlpPanel_->setCurve(mlpTrainer_->curve(), bestLregTestRmse());
    historyChanged_ = false;
  }
  if (!latest_) return;
  // Live: the newest snapshot; scrubbing: the one the history slider selected.
  const SnapshotPtr wanted = historyBar_->isLive() ? latest_ : historyBar_->selected();
  if (wanted && wanted != shown_ && !modelView_) {
    const Snapshot& s = *wanted;
    // The same title as the snapshot's animation frame; the history bar says where it is.
    const QString title = snapshotTitle(data_ ? QString::fromStdString(data_->name) : QString(), s);
    try {
      plot_->showSnapshot(s, title);
    } catch (const Error& e) {
      reportError(tr("Cannot show this model"), QString::fromStdString(e.what()));
    }
    shown_ = wanted;
    onNodeSelected(plot_->selectedNode());
  }
  transport_->setPhase(latest_->phase, latest_->iteration);
  updateStatus();
  // The frame's cost includes the repaint that present() scheduled: a call posted now runs
  // after that repaint (posted events keep their order).
  QMetaObject::invokeMethod(
      this, [this, clock] { lastFrameMs_ = clock.nsecsElapsed() / 1e6; }, Qt::QueuedConnection);
  emit snapshotShown();
}

void MainWindow::updateStatus() {
  if (!latest_) {
    statusIteration_->setText(tr("no data"));
    for (QLabel* l : {statusPhase_, statusDof_, statusLoss_, statusTime_}) l->clear();
    return;
  }
  const Snapshot& s = *latest_;
  statusIteration_->setText(tr("Iteration %1").arg(s.iteration));
  statusPhase_->setText(tr("Phase: %1").arg(QString::fromStdString(phaseName(s.phase))));
  statusDof_->setText(tr("D = %1").arg(s.nodes.rows()));
  QString loss = tr("RMSE %1").arg(number(s.train.rmse));
  if (!history_.empty() && history_.last().hasTest) {
    loss =
        tr("RMSE train %1 · test %2").arg(number(s.train.rmse), number(history_.last().test.rmse));
  }
  statusLoss_->setText(loss);
  statusTime_->setText(history_.empty() || history_.last().iteration == 0
                           ? QString()
                           : tr("%1 / iteration").arg(duration(history_.last().seconds)));
}

QString MainWindow::statusText() const {
  QStringList parts;
  for (QLabel* l : {statusIteration_, statusPhase_, statusDof_, statusLoss_, statusTime_}) {
    if (!l->text().isEmpty()) parts << l->text();
  }
  return parts.join(" | ");
}

void MainWindow::reportError(const QString& title, const QString& message) {
  emit errorReported(message);
  if (!interactive_) return;
  QMessageBox box(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
  box.exec();
}

}  // namespace lreg::studio
