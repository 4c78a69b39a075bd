// SDL's gesture recognizer for the portal's link. SDL2 watches every touch for its "$1" gestures and
// pinch-and-rotate (SDL_DOLLARGESTURE, SDL_MULTIGESTURE events): paths resampled, rotated and compared
// in double-precision trigonometry, for events the portal never reads (it scrolls and taps from the
// touch and mouse events themselves: src/app/ui/touch_scroll.cpp). The web link (cmake/web.cmake,
// wasm-ld's --wrap) sends SDL's four calls into the recognizer here, where there is no recognizer: the
// linker drops it, and sin, cos and atan with it (4 KB of the wasm, 2 KB brotli). Touch events still
// reach the portal as before.
#include <SDL.h>

extern "C" {
int __wrap_SDL_GestureAddTouch(SDL_TouchID) { return 0; }
int __wrap_SDL_GestureDelTouch(SDL_TouchID) { return 0; }
void __wrap_SDL_GestureProcessEvent(SDL_Event*) {}
void __wrap_SDL_GestureQuit() {}
}
