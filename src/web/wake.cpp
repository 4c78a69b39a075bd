#include "web/wake.hpp"

namespace web {

namespace {
int frames_requested = frames_for(Wake::start);
}  // namespace

void request_frames(Wake why) {
    const int count = frames_for(why);
    frames_requested = frames_requested > count ? frames_requested : count;
}

int take_frame_request() {
    int n = frames_requested;
    if (frames_requested > 0) --frames_requested;
    return n;
}

}  // namespace web
