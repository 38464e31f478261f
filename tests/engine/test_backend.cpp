// Backends: device selection and the fallback to the CPU. The CUDA passes against the CPU ones
// are tests/cuda/test_cuda_backend (built without Qt, for scripts/gpu-check.sh).
#include <QtTest>

#include <lreg/base/error.h>
#include <lreg/engine/backend.h>

using namespace lreg;

class TestBackend : public QObject {
  Q_OBJECT

  static bool haveGpu() { return cudaStatus().devices > 0; }

 private slots:
  void deviceNamesRoundTrip() {
    for (Device d : {Device::Auto, Device::Cpu, Device::Cuda})
      QCOMPARE(parseDevice(deviceName(d)), d);
    try {
      parseDevice("tpu");
      QFAIL("accepted an unknown device");
    } catch (const lreg::Error& e) {
      QVERIFY(QString(e.what()).contains("unknown device 'tpu'"));
    }
  }

  void autoFallsBackToTheCpuAndSaysWhy() {
    QCOMPARE(resolveDevice(Device::Cpu), Device::Cpu);
    if (haveGpu()) {
      QCOMPARE(resolveDevice(Device::Auto), Device::Cuda);
      return;
    }
    std::string note;
    QCOMPARE(resolveDevice(Device::Auto, &note), Device::Cpu);
    QVERIFY(!cudaStatus().reason.empty());
    // A note only where a GPU is there but unusable; none where there is nothing to use.
    if (cudaStatus().compiled && !cudaStatus().noGpu)
      QVERIFY(QString::fromStdString(note).contains(QString::fromStdString(cudaStatus().reason)));
    else
      QVERIFY2(note.empty(), note.c_str());
    if (cudaStatus().compiled && !QFile::exists("/proc/driver/nvidia/version")) {
      QVERIFY(cudaStatus().noGpu);
      QCOMPARE(cudaStatus().reason,
               std::string("no NVIDIA driver loaded (no GPU on this machine?)"));
    }
    try {
      resolveDevice(Device::Cuda);
      QFAIL("--device cuda accepted without a GPU");
    } catch (const lreg::Error& e) {
      QVERIFY(QString(e.what()).startsWith("no usable CUDA device (" +
                                           QString::fromStdString(cudaStatus().reason) + ")"));
    }
  }
};

QTEST_APPLESS_MAIN(TestBackend)
#include "test_backend.moc"
