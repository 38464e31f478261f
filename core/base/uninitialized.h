// Vectors of numbers whose resize() leaves the new elements unwritten, for large buffers that
// parallel code fills right after: the first write then faults the pages in on every thread,
// instead of one thread writing zeros first (at 10^8 samples, a second of a fit's serial time).
#pragma once

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace lreg::detail {

/// std::allocator, except that value-initialisation (resize, the size constructor) becomes
/// default-initialisation: no write for trivial types. Elements are indeterminate until set.
template <class T>
struct DefaultInitAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <class U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

/// A vector of doubles that resize() does not zero (see above).
using UninitializedDoubles = std::vector<double, DefaultInitAllocator<double>>;

}  // namespace lreg::detail
