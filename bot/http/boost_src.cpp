// The one translation unit that compiles Boost.Asio (with its SSL part) and
// Boost.Beast. Every target that includes them is built with
// BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION (see
// sitelead_boost in bot/CMakeLists.txt), so their non-template code is
// compiled here once instead of in each unit that uses them.

#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
