#include "web/runner.hpp"

namespace web {

Runner runner;

}  // namespace web
