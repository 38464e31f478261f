// Four lanes of doubles for the data passes' inner loops: GCC's vector extension, two SSE2
// registers on any x86-64 and one AVX2 register in the LREG_VECTOR_CLONES version of a function
// (chosen at run time). Every lane is an IEEE operation of its own and no clone may contract a
// multiply and an add into one (AVX2 has no FMA), so both versions give the same bits.
#pragma once

// The helpers below are inline: no vector crosses a call, so the ABI note does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace lreg::detail {

typedef double Lanes __attribute__((vector_size(32)));
// The same with the alignment of a double: loads and stores of four doubles anywhere.
typedef double UnalignedLanes __attribute__((vector_size(32), aligned(8)));

inline Lanes loadLanes(const double* p) {
  return *reinterpret_cast<const UnalignedLanes*>(p);
}
inline void storeLanes(double* p, Lanes v) {
  *reinterpret_cast<UnalignedLanes*>(p) = v;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LREG_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define LREG_VECTOR_CLONES
#endif

}  // namespace lreg::detail
